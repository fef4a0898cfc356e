package vigil.server.web;

import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/** Ids are opaque strings (GLOSSARY.md): each is encoded as one path segment of a page's address. */
final class Paths {
    private Paths() {}

    static String segment(String id) {
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }
}
