package vigil.core.engine;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Caller line identities in E.164, read as a UK control room would (national numbers are GB numbers). */
final class CallerLines {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final String HOME_REGION = "GB";
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    private CallerLines() {}

    /** The E.164 form ({@code +447700900123}) when the number parses; otherwise the text as given, trimmed. */
    static String normalise(String raw) {
        String text = raw.trim();
        try {
            PhoneNumber n = PHONES.parse(text, HOME_REGION);
            if (PHONES.isPossibleNumber(n)) {
                return PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
            }
        } catch (NumberParseException e) {
            // not a number libphonenumber can read: keep what the caller's line gave us
        }
        return text;
    }

    /** True when {@code normalised} is an E.164 number (so it can be matched against schemes and history). */
    static boolean isE164(String normalised) {
        return normalised != null && E164.matcher(normalised).matches();
    }
}
