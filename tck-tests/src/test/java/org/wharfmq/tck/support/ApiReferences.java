package org.wharfmq.tck.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the constant pools of compiled classes: which methods they call (Methodref/InterfaceMethodref, including
 * method references) and which classes they name. Enough of the class-file format (JVMS §4.4) for that, and
 * nothing more.
 */
public final class ApiReferences {

    /** A method named by a call site: owner in internal form ({@code jakarta/jms/Session}), name, descriptor. */
    public record MethodRef(String owner, String name, String descriptor) {
    }

    public final Set<MethodRef> methods = new HashSet<>();
    public final Set<String> classes = new HashSet<>();

    /** Scans every class file under {@code root}. */
    public static ApiReferences scan(Path root) throws IOException {
        ApiReferences refs = new ApiReferences();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    refs.read(new DataInputStream(in), p);
                }
            }
        }
        return refs;
    }

    private void read(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException(file + " is not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[] natName = new int[count];
        int[] natDescriptor = new int[count];
        List<int[]> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 10, 11 -> refs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> {
                    natName[i] = in.readUnsignedShort();
                    natDescriptor[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                default -> throw new IOException(file + ": unknown constant pool tag " + tag);
            }
        }
        for (int i = 1; i < count; i++) {
            if (classNameIndex[i] != 0) {
                classes.add(utf8[classNameIndex[i]]);
            }
        }
        for (int[] r : refs) {
            String owner = utf8[classNameIndex[r[0]]];
            methods.add(new MethodRef(owner, utf8[natName[r[1]]], utf8[natDescriptor[r[1]]]));
        }
    }
}
