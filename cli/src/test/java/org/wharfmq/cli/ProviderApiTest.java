package org.wharfmq.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.architecture.PublicProviderApi;

/** The wharf command line uses the provider's public API only (docs/architecture.md). */
class ProviderApiTest {

    @Test
    @DisplayName("the wharf command line reaches neither the engine, the journal nor the selector language")
    void usesThePublicProviderApiOnly() {
        PublicProviderApi.check("org.wharfmq.cli");
    }
}
