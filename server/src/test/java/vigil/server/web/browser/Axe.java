package vigil.server.web.browser;

import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Map;

/**
 * axe-core 4.14.1 (npm {@code axe-core}, MPL-2.0, its licence beside it in {@code src/test/resources/axe}) run in the
 * page: WCAG 2.0, 2.1 and 2.2 A and AA rules. Any serious or critical violation fails the test, naming the rule, the
 * help text and the elements. It is evaluated through the driver, which the page's Content-Security-Policy does not
 * govern, so the page needs no exception for it.
 */
final class Axe {
    static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private Axe() {}

    static void check(Browser browser, String page) {
        if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object';"))) {
            browser.js(Browser.axeSource() + "\n;return true;");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.asyncJs("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                  .then(function (r) {
                    done({violations: r.violations.filter(function (v) {
                      return v.impact === 'serious' || v.impact === 'critical';
                    }).map(function (v) {
                      return {id: v.id, impact: v.impact, help: v.help,
                              nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ': '
                                + (n.failureSummary || '').replace(/\\s+/g, ' '); })};
                    })});
                  })
                  .catch(function (e) { done({error: String(e)}); });
                """, TAGS);
        if (result.get("error") != null) {
            fail("axe-core could not check " + page + ": " + result.get("error"));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        if (!violations.isEmpty()) {
            StringBuilder b = new StringBuilder("accessibility (WCAG 2.2 AA) of " + browser.name() + "'s " + page
                    + " page:");
            for (Map<String, Object> v : violations) {
                b.append("\n  ").append(v.get("impact")).append(' ').append(v.get("id")).append(": ")
                        .append(v.get("help"));
                for (Object n : (List<?>) v.get("nodes")) {
                    b.append("\n    ").append(n);
                }
            }
            fail(b.toString());
        }
    }
}
