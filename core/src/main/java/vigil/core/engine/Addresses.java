package vigil.core.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Address keys for matching: case, punctuation, repeated spaces and postcode spacing ignored. A UK postcode at the
 * end is recognised and written in its normal form ({@code SE1 1AA}), so "london se11aa" and "London SE1 1AA" agree.
 */
final class Addresses {
    /** Outward code (A9, A99, A9A, AA9, AA99, AA9A) then inward code (9AA), with or without the space. */
    private static final Pattern POSTCODE_AT_END =
            Pattern.compile("(?:^|\\s)([A-Z]{1,2}[0-9][A-Z0-9]?)\\s*([0-9][A-Z]{2})$");

    private Addresses() {}

    /** The matching key of an address, or null for none (absent or blank). */
    static String key(String address) {
        if (address == null) {
            return null;
        }
        String s = address.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").trim();
        if (s.isEmpty()) {
            return null;
        }
        Matcher m = POSTCODE_AT_END.matcher(s);
        if (m.find()) {
            String before = s.substring(0, m.start()).trim();
            String postcode = m.group(1) + " " + m.group(2);
            return before.isEmpty() ? postcode : before + " " + postcode;
        }
        return s;
    }
}
