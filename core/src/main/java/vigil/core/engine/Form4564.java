package vigil.core.engine;

import java.util.ArrayList;
import java.util.List;
import vigil.core.Event.SchemeRequested;

/**
 * The RTRD's compliance check of a special-scheme request (Form 4564): a request is complete when it names where or
 * how the victim calls from (an address or a CLI, every CLI a phone number), the victim's preferred contact method,
 * the OIC, the BCU, the CRIS reference ({@code crimeRef}) and instructions for the call handler. Only a complete
 * request may be activated.
 */
final class Form4564 {
    private Form4564() {}

    /** What the check finds missing from the scheme's form, or null when it is complete. */
    static String whatIsMissing(SchemeState s) {
        SchemeRequested f = s.form;
        List<String> missing = new ArrayList<>();
        if (s.addressKey == null && f.clis().isEmpty()) {
            missing.add("an address or a CLI");
        }
        if (!s.unparsedClis.isEmpty()) {
            missing.add("CLIs that are phone numbers (cannot read " + String.join(", ", s.unparsedClis) + ")");
        }
        if (f.preferredContact() == null || f.preferredContact().method().isBlank()) {
            missing.add("the victim's preferred contact method");
        }
        if (blank(f.oic())) {
            missing.add("the OIC");
        }
        if (blank(f.bcu())) {
            missing.add("the BCU");
        }
        if (blank(f.crimeRef())) {
            missing.add("the CRIS reference");
        }
        if (blank(f.instructions())) {
            missing.add("instructions");
        }
        return missing.isEmpty() ? null : "missing " + String.join("; ", missing);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
