package org.wharfmq.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * The deployment descriptor: valid against the Connectors 2.1 schema, and true to the classes — every class it
 * names exists with the interfaces it claims, and every config property has a setter of its declared type (what
 * servers call when they configure the adapter). Every property is documented in docs/resource-adapter.md.
 */
class RaXmlTest {

    private static final Path RA_XML = Path.of("target/descriptor/ra.xml");
    private static final Path DOCS = Path.of("../docs/resource-adapter.md");

    @Test
    @DisplayName("Connectors 2.1 §20: ra.xml is valid against connector_2_1.xsd")
    void validAgainstSchema() throws Exception {
        Path schemas = Path.of(System.getProperty("schemas.dir", "target/schemas"));
        assertTrue(Files.exists(schemas.resolve("connector_2_1.xsd")), "the build unpacks the schemas to " + schemas);
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(localOnly(schemas));
        Validator v = factory.newSchema(schemas.resolve("connector_2_1.xsd").toFile()).newValidator();
        v.setResourceResolver(localOnly(schemas));
        v.validate(new StreamSource(RA_XML.toFile()));
    }

    /**
     * Resolves every schema by its file name in {@code dir}: the validation never goes to the network. The DOCTYPE
     * of xml.xsd is dropped (its DTD is only documentation, and the JDK's parser cannot read it from here).
     */
    private static LSResourceResolver localOnly(Path dir) {
        return (type, namespace, publicId, systemId, baseUri) -> {
            if (systemId == null) {
                return null;
            }
            Path local = dir.resolve(systemId.substring(systemId.lastIndexOf('/') + 1));
            try {
                LSInput input = ls().createLSInput();
                input.setStringData(Files.readString(local).replaceFirst("<!DOCTYPE[^>]*>", ""));
                input.setSystemId(local.toUri().toString());
                input.setPublicId(publicId);
                return input;
            } catch (java.io.IOException e) {
                throw new IllegalStateException("schema " + systemId + " is not in " + dir, e);
            }
        };
    }

    private static org.w3c.dom.ls.DOMImplementationLS ls() {
        try {
            return (org.w3c.dom.ls.DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .getDOMImplementation();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Document descriptor() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(RA_XML.toFile());
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static String text(Element parent, String name) {
        return elements(parent, name).get(0).getTextContent().trim();
    }

    /** The config properties declared directly in {@code owner} (not in nested elements). */
    private static List<String[]> properties(Element owner) {
        List<String[]> out = new ArrayList<>();
        for (Element p : elements(owner, "config-property")) {
            if (p.getParentNode() == owner) {
                out.add(new String[] {text(p, "config-property-name"), text(p, "config-property-type")});
            }
        }
        return out;
    }

    private static void assertSetters(Class<?> type, List<String[]> properties) throws Exception {
        assertTrue(!properties.isEmpty(), type + " has config properties");
        for (String[] p : properties) {
            String setter = "set" + Character.toUpperCase(p[0].charAt(0)) + p[0].substring(1);
            Class<?> declared = Class.forName(p[1]);
            try {
                Method m = type.getMethod(setter, declared);
                assertNotNull(m);
            } catch (NoSuchMethodException e) {
                fail(type.getSimpleName() + " has no " + setter + "(" + declared.getSimpleName() + ") for config property '"
                        + p[0] + "'");
            }
        }
    }

    @Test
    @DisplayName("Connectors 2.1 §20.4: every class and config property in ra.xml matches the code")
    void descriptorMatchesClasses() throws Exception {
        Element root = descriptor().getDocumentElement();
        Element ra = elements(root, "resourceadapter").get(0);
        Class<?> raClass = Class.forName(text(ra, "resourceadapter-class"));
        assertTrue(jakarta.resource.spi.ResourceAdapter.class.isAssignableFrom(raClass));
        assertSetters(raClass, properties(ra));

        List<Element> definitions = elements(root, "connection-definition");
        assertEquals(3, definitions.size(), "ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory");
        for (Element d : definitions) {
            Class<?> mcf = Class.forName(text(d, "managedconnectionfactory-class"));
            assertSetters(mcf, properties(d));
            Class<?> cfInterface = Class.forName(text(d, "connectionfactory-interface"));
            assertTrue(cfInterface.isAssignableFrom(Class.forName(text(d, "connectionfactory-impl-class"))));
            Class<?> cInterface = Class.forName(text(d, "connection-interface"));
            assertTrue(cInterface.isAssignableFrom(Class.forName(text(d, "connection-impl-class"))));
        }

        Element spec = elements(root, "activationspec").get(0);
        Class<?> specClass = Class.forName(text(spec, "activationspec-class"));
        assertTrue(jakarta.resource.spi.ActivationSpec.class.isAssignableFrom(specClass));
        assertSetters(specClass, properties(spec));

        for (Element a : elements(root, "adminobject")) {
            Class<?> iface = Class.forName(text(a, "adminobject-interface"));
            Class<?> impl = Class.forName(text(a, "adminobject-class"));
            assertTrue(iface.isAssignableFrom(impl), impl + " implements " + iface);
            assertSetters(impl, properties(a));
        }
    }

    @Test
    @DisplayName("docs/resource-adapter.md documents every config, activation and admin-object property")
    void everyPropertyDocumented() throws Exception {
        String docs = Files.readString(DOCS);
        List<String> missing = new ArrayList<>();
        for (Element p : elements(descriptor().getDocumentElement(), "config-property-name")) {
            String name = p.getTextContent().trim();
            if (!docs.contains("`" + name + "`")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "properties not documented in " + DOCS);
    }
}
