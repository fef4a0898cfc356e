/**
 * Browser tests' support (docs/adr/091), for every page's tests: {@link vigil.server.web.browser.Browser} drives
 * Debian's Chromium through its own chromedriver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}: no driver
 * is ever downloaded), headless, each browser with a fresh profile; {@link vigil.server.web.browser.Browser#visit} and
 * {@link vigil.server.web.browser.Browser#check} run axe-core (kept in {@code src/test/resources/axe}) on the page and
 * fail on any serious or critical WCAG 2.2 AA violation, and save screenshots at 1920x1080 and 1366x768 into
 * {@code target/screenshots}; {@link vigil.server.web.browser.CuttableLink} stands between a browser and the server to
 * cut its connection on cue; {@link vigil.server.web.browser.Stopwatch} reads when a change showed in a browser.
 */
package vigil.server.web.browser;
