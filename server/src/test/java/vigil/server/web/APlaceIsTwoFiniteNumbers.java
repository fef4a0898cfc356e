package vigil.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The call page's place is latitude and longitude as people type them. Java reads "NaN" and "Infinity" as numbers;
 * they are no place, so the page asks for the place again in its own words instead of passing them on to be refused
 * as "too large" (audit 4, finding 11).
 */
class APlaceIsTwoFiniteNumbers {

    @Test
    void aPlaceIsReadAsPeopleTypeIt() {
        assertThat(CallTaking.place("51.498, -0.090").get("lat").asDouble()).isEqualTo(51.498);
        assertThat(CallTaking.place("51.498 -0.090").get("lon").asDouble()).isEqualTo(-0.090);
    }

    @Test
    void notANumberAndInfinityAreNoPlace() {
        assertThat(CallTaking.place("NaN, NaN")).isNull();
        assertThat(CallTaking.place("51.5, Infinity")).isNull();
        assertThat(CallTaking.place("-Infinity, 0")).isNull();
    }
}
