package vigil.server.web.browser;

import java.util.List;

/**
 * When a change showed in a browser, by the browser's own clock (all browsers of a test run on one machine, so one
 * clock): {@link #watch} arms a MutationObserver that notes the moment an element matching a CSS selector (and holding
 * a text, when given) is first in the page; {@link #seenAt} reads it. {@link #now} is the moment a test acts, read from
 * the acting browser just before it acts. Figures, not assertions: tests print them.
 */
public final class Stopwatch {
    private Stopwatch() {}

    public static long now(Browser b) {
        return ((Number) b.js("return Date.now();")).longValue();
    }

    public static void watch(Browser b, String key, String selector, String text) {
        b.js("""
                var key = arguments[0], sel = arguments[1], text = arguments[2];
                window.__seenAt = window.__seenAt || {};
                delete window.__seenAt[key];
                function seen() {
                  var found = Array.prototype.some.call(document.querySelectorAll(sel), function (e) {
                    return !text || e.textContent.indexOf(text) >= 0;
                  });
                  if (found && !window.__seenAt[key]) { window.__seenAt[key] = Date.now(); }
                  return found;
                }
                if (!seen()) {
                  new MutationObserver(function (m, o) { if (seen()) { o.disconnect(); } })
                    .observe(document.documentElement, {subtree: true, childList: true, characterData: true,
                                                        attributes: true});
                }
                """, key, selector, text);
    }

    /** When the watched change showed, or -1 while it has not. */
    public static long seenAt(Browser b, String key) {
        Object v = b.js("return (window.__seenAt && window.__seenAt[arguments[0]]) || -1;", key);
        return ((Number) v).longValue();
    }

    /** Waits until every browser has seen {@code key}; the slowest delay after {@code since}, in ms. */
    public static long slowest(List<Browser> browsers, String key, long since) {
        long worst = 0;
        for (Browser b : browsers) {
            long at = b.waitUntil(d -> {
                long t = seenAt(b, key);
                return t < 0 ? null : t;
            });
            worst = Math.max(worst, at - since);
        }
        return worst;
    }
}
