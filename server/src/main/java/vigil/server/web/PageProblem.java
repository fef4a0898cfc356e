package vigil.server.web;

import org.springframework.http.HttpStatus;

/** A page that cannot be shown, said in words: rendered as the problem page with its status (never a stack trace). */
final class PageProblem extends RuntimeException {
    private final HttpStatus status;
    private final String title;

    PageProblem(HttpStatus status, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
    }

    static PageProblem notFound(String what, String id) {
        return new PageProblem(HttpStatus.NOT_FOUND, "No such " + what, "There is no " + what + " " + id + ".");
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
