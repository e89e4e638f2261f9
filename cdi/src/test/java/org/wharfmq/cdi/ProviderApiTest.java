package org.wharfmq.cdi;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.architecture.PublicProviderApi;

/** CDI for Java SE uses the provider's public API only (docs/architecture.md). */
class ProviderApiTest {

    @Test
    @DisplayName("CDI for Java SE reaches neither the engine, the journal nor the selector language")
    void usesThePublicProviderApiOnly() {
        PublicProviderApi.check("org.wharfmq.cdi");
    }
}
