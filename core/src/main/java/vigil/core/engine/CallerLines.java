package vigil.core.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Caller line identities in E.164, read as a UK control room would (national numbers are GB numbers). */
final class CallerLines {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String HOME_REGION = "GB";

    private CallerLines() {}

    /** The E.164 form ({@code +447700900123}) when the number parses; otherwise the text as given, trimmed. */
    static String normalise(String raw) {
        String fast = ukTenDigit(raw);
        if (fast != null) {
            return fast;
        }
        String text = raw.trim();
        if (hasLetter(text)) {
            return text; // a line identity has no letters; libphonenumber would read "12a" as a shorter number
        }
        try {
            PhoneNumber n = PHONES.parse(text, HOME_REGION);
            if (PHONES.isPossibleNumber(n)) {
                String e164 = PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
                // A fragment such as "07700" or "0207" comes back as +4407700: no UK number has a 0 after +44.
                if (isE164(e164) && !e164.startsWith("+440")) {
                    return e164;
                }
            }
        } catch (NumberParseException e) {
            // not a number libphonenumber can read: keep what the caller's line gave us
        }
        return text;
    }

    /**
     * The common shapes of a UK number with ten national digits — {@code 07700 900123}, {@code +44 7700 900123},
     * {@code 00447700900123}, with spaces or dashes — read without libphonenumber (which is slow on the hot path of
     * every call). Gives what libphonenumber gives for them; null for anything else, which libphonenumber then reads.
     */
    static String ukTenDigit(String raw) {
        char[] digits = new char[16];
        int n = 0;
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (n == digits.length) {
                    return null;
                }
                digits[n++] = c;
            } else if (c == '+' && n == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-') {
                return null;
            }
        }
        int start;
        if (!plus && n == 11 && digits[0] == '0') {
            start = 1;
        } else if (plus && n == 12 && digits[0] == '4' && digits[1] == '4') {
            start = 2;
        } else if (!plus && n == 14 && digits[0] == '0' && digits[1] == '0' && digits[2] == '4' && digits[3] == '4') {
            start = 4;
        } else {
            return null;
        }
        if (digits[start] == '0') {
            return null;
        }
        return "+44" + new String(digits, start, n - start);
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code normalised} is an E.164 number (so it can be matched against schemes and history). */
    static boolean isE164(String s) {
        if (s == null || s.length() < 8 || s.length() > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
