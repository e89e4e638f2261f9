package org.wharfmq.console;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.wharfmq.architecture.PublicProviderApi;

/** The web console uses the provider's public API only (docs/architecture.md). */
class ProviderApiTest {

    @Test
    @DisplayName("the web console reaches neither the engine, the journal nor the selector language")
    void usesThePublicProviderApiOnly() {
        PublicProviderApi.check("org.wharfmq.console");
    }
}
