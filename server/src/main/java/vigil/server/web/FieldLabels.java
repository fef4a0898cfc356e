package vigil.server.web;

import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The words of the scheme, admin, report and guidance forms' fields, so the summary at the top of a refused form names
 * the field each message is about ("CRIS reference: Required: fill this in."), as well as linking to it.
 */
@ControllerAdvice(assignableTypes = {SchemePages.class, AdminPages.class, ReportPages.class, GuidancePages.class})
class FieldLabels {
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("schemeId", "Scheme reference"), Map.entry("address", "Address"),
            Map.entry("clis", "Phone numbers"), Map.entry("victimName", "Victim's name"),
            Map.entry("contactMethod", "Preferred way to be contacted"), Map.entry("contactDetail", "When and how"),
            Map.entry("oic", "OIC"), Map.entry("bcu", "BCU"), Map.entry("crimeRef", "CRIS reference"),
            Map.entry("instructions", "Instructions"), Map.entry("requiredGrade", "Grade"),
            Map.entry("reason", "Why"), Map.entry("method", "How (method)"), Map.entry("outcome", "Outcome"),
            Map.entry("explained", "What you explained"), Map.entry("note", "Note"),
            Map.entry("decision", "Decision"), Map.entry("staffId", "Username"), Map.entry("role", "Role"),
            Map.entry("email", "Email"), Map.entry("password", "Password"), Map.entry("unitId", "Unit"),
            Map.entry("callSign", "Call sign"), Map.entry("lat", "Latitude"), Map.entry("lon", "Longitude"),
            Map.entry("from", "From"), Map.entry("to", "To"), Map.entry("grade", "Grade"),
            Map.entry("id", "Incident"), Map.entry("guidanceId", "Reference"), Map.entry("title", "Title"),
            Map.entry("text", "The guidance"), Map.entry("roles", "For whom"));

    @ModelAttribute("labels")
    Map<String, String> labels() {
        return LABELS;
    }
}
