package org.peerstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerstack.signaling.server.SignalingServer;

/**
 * The demo page's layout from a wide screen down to a 360 px phone, in real headless Chromium, with
 * PNGs for review in {@code target/screenshots/}: {@code join.png} (before joining), {@code call.png}
 * (two people, one stats panel open), {@code narrow.png} (the call at 360 px), {@code refused.png}
 * (a refused join). The assertions: nothing overflows sideways, and the tiles fill the video area.
 */
@Timeout(180)
class PageLayoutScreenshotsTest {

    @Test
    void wideAndNarrowLayoutsFillTheScreenAndNeverOverflow() throws Exception {
        try (SignalingServer server = PageTests.server(0, Map.of("limits.max-rooms", "1"));
             Chromium alice = new Chromium();
             Chromium bob = new Chromium()) {
            assertThat(alice.windowSize(1280, 800)).isEqualTo(1280);
            bob.windowSize(1280, 800);

            alice.open(PageTests.page(server, "layout", "alice"));
            Conditions.await("the page to load", Conditions.GENEROUS,
                    () -> Boolean.TRUE.equals(alice.script("return !!window.peerstack")), () -> "no page");
            assertNoSidewaysOverflow(alice, 1280);
            shoot(alice, "join.png");

            alice.click("#join");
            Conditions.await("alice to join", Conditions.GENEROUS, () -> "joined".equals(alice.phase()), alice::status);
            String bobId = PageTests.join(bob, server, "layout", "bob");
            PageTests.awaitFrames(alice, bobId, 60);
            alice.click(".tile[data-peer='" + bobId + "'] .stats-toggle");
            Conditions.await("the stats panel", Conditions.GENEROUS, () -> Boolean.TRUE.equals(alice.script(
                    "const s = document.querySelector('.stats'); return !!s && s.textContent.includes('codec')")), () -> "none");
            assertNoSidewaysOverflow(alice, 1280);
            assertTilesFill(alice, 2);
            shoot(alice, "call.png");

            // alice on a phone, still in the call
            assertThat(alice.windowSize(360, 740)).isEqualTo(360);
            Conditions.await("alice's tiles to fill the narrow width", Conditions.GENEROUS,
                    () -> ((Number) alice.script("return document.querySelector('.tile.local').getBoundingClientRect().width"))
                            .doubleValue() >= 250, () -> alice.script("return document.getElementById('videos').style.cssText"));
            assertNoSidewaysOverflow(alice, 360);
            assertTilesFill(alice, 2);
            assertThat((Boolean) alice.script("const b = document.getElementById('hangup').getBoundingClientRect();"
                    + " return b.right <= 360 && b.width > 0")).as("controls reachable below the video").isTrue();
            shoot(alice, "narrow.png");

            // bob leaves and tries another room: the server holds one room only
            bob.click("#hangup");
            bob.open(PageTests.page(server, "another", "bob"));
            bob.click("#join");
            Conditions.await("bob's join to be refused", Conditions.GENEROUS,
                    () -> bob.status().startsWith("join refused: too-many-rooms"), bob::status);
            assertNoSidewaysOverflow(bob, 1280);
            shoot(bob, "refused.png");
        }
    }

    private static void shoot(Chromium browser, String name) throws Exception {
        Path file = browser.screenshot(PageTests.SCREENSHOTS.resolve(name));
        assertThat(Files.size(file)).as(name).isGreaterThan(5_000);
    }

    /** No element sticks out to the right: the page never scrolls sideways. */
    private static void assertNoSidewaysOverflow(Chromium browser, int width) {
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                .as("page width at a %d px window", width).isLessThanOrEqualTo(width);
        @SuppressWarnings("unchecked")
        List<String> outside = (List<String>) browser.script("return [...document.querySelectorAll('body *')]"
                + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className)");
        assertThat(outside).as("elements beyond the right edge").isEmpty();
    }

    /** At least {@code minimumTiles} tiles, all inside the video area, covering over 40 % of it: they fill it, not a corner. */
    private static void assertTilesFill(Chromium browser, int minimumTiles) {
        @SuppressWarnings("unchecked")
        Map<String, Number> box = (Map<String, Number>) browser.script(
                "const v = document.getElementById('videos').getBoundingClientRect();"
                        + " const tiles = [...document.querySelectorAll('#videos .tile')].map(t => t.getBoundingClientRect());"
                        + " return {tiles: tiles.length, area: v.width * v.height,"
                        + " covered: tiles.reduce((s, t) => s + t.width * t.height, 0),"
                        + " widest: Math.max(...tiles.map(t => t.width)), boxWidth: v.width, boxHeight: v.height,"
                        + " outside: tiles.filter(t => t.right > v.right + 0.5 || t.bottom > v.bottom + 0.5).length}");
        assertThat(box.get("tiles").intValue()).isGreaterThanOrEqualTo(minimumTiles);
        assertThat(box.get("outside").intValue()).as("tiles outside the video area: %s", box).isZero();
        assertThat(box.get("covered").doubleValue() / box.get("area").doubleValue()).as("share of the video area covered: %s", box)
                .isGreaterThan(0.4);
    }
}
