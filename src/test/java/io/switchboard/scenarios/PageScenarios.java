package io.switchboard.scenarios;

import io.switchboard.testing.Http;
import io.switchboard.testing.ServerTarget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The test page is served with its modules in every runtime, and the development tokens never are when a real
 * JWT key is configured (docs/test-page.md). The page itself is driven in Chromium by StandaloneBrowserTest.
 */
public abstract class PageScenarios {

    protected abstract ServerTarget target();

    @Test
    void thePageAndItsModulesAreServed() {
        Http.Reply page = Http.get(target().http("/"), null);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("js/page.js"), page.body());
        for (String module : new String[] {"js/page.js", "js/switchboard-client.js"}) {
            Http.Reply js = Http.get(target().http(module), null);
            assertEquals(200, js.status(), module);
            assertTrue(js.body().contains("export") || js.body().contains("import"), module);
        }
        assertEquals(200, Http.get(target().http("css/page.css"), null).status());
    }

    @Test
    void noDevelopmentTokensAreServedWithAConfiguredKey() {
        Http.Reply r = Http.get(target().http("dev/tokens"), null);
        assertEquals(404, r.status(), r.body());
        assertEquals("not_found", r.json().getString("error"));
    }
}
