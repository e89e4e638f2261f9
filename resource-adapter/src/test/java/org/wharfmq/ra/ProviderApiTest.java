package org.wharfmq.ra;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.architecture.PublicProviderApi;

/** The resource adapter uses the provider's public API only (docs/architecture.md). */
class ProviderApiTest {

    @Test
    @DisplayName("the resource adapter reaches neither the engine, the journal nor the selector language")
    void usesThePublicProviderApiOnly() {
        PublicProviderApi.check("org.wharfmq.ra");
    }
}
