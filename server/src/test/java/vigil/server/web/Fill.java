package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import vigil.server.web.browser.Browser;

/**
 * Filling in and sending a page's form from the keyboard, as a person does: type into a field, tick with the space
 * bar, choose from a list by typing, press Enter on the button; then wait for the page the server answers with.
 */
final class Fill {
    private Fill() {}

    /** Types {@code text} into the field with {@code id}, replacing what it held. */
    static void type(Browser b, String id, String text) {
        WebElement f = b.find(By.id(id));
        f.clear();
        if (!text.isEmpty()) {
            f.sendKeys(text);
        }
    }

    /** Ticks (or unticks) a checkbox, or chooses a radio button, with the space bar. */
    static void tick(Browser b, String id) {
        b.find(By.id(id)).sendKeys(org.openqa.selenium.Keys.SPACE);
    }

    /** Chooses the option whose words start with {@code text} in the list with {@code id}, by typing them. */
    static void choose(Browser b, String id, String text) {
        b.find(By.id(id)).sendKeys(text);
    }

    /** Presses Enter on the button with {@code id} and waits for the page the server answers with. */
    static void send(Browser b, String buttonId) {
        b.js("window.__vigilBefore = true;");
        b.find(By.id(buttonId)).sendKeys(org.openqa.selenium.Keys.ENTER);
        b.waitUntil(d -> !Boolean.TRUE.equals(b.js("return window.__vigilBefore === true;")));
        b.awaitReady();
    }

    /** The message the form put at the field {@code id} (a text field is marked invalid too). */
    static String errorAt(Browser b, String id) {
        WebElement field = b.find(By.id(id));
        String type = field.getAttribute("type");
        if (!"radio".equals(type) && !"checkbox".equals(type)) {
            assertThat(field.getAttribute("aria-invalid")).as("%s is marked invalid", id).isEqualTo("true");
        }
        WebElement error = b.find(By.id(id + "-error"));
        assertThat(error.isDisplayed()).as("the message at %s shows", id).isTrue();
        return error.getText();
    }

    /** The text of the form's own message (a refusal no field carries). */
    static String formError(Browser b, String prefix) {
        return b.find(By.cssSelector("#" + prefix + "-problem .form-error")).getText();
    }

    /** The page's "done" message. */
    static String done(Browser b) {
        return b.find(By.cssSelector("main .message.ok")).getText();
    }
}
