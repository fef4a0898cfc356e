package vigil.sim.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A number field given something that is no number at all (NaN, which a page's text field can carry, or an infinity)
 * is refused as not a finite number, never as "too large".
 */
class ANumberThatIsNoNumberIsSaidSo {

    @Test
    void notANumberAndInfinityAreNotFiniteNumbers() {
        ObjectNode place = JsonMapper.builder().build().createObjectNode();
        place.put("lat", Double.NaN);
        place.put("lon", Double.POSITIVE_INFINITY);
        Fields fields = new Fields(place, "location");

        assertThatThrownBy(() -> fields.number("lat")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("lat").hasMessageContaining("must be a finite number");
        assertThatThrownBy(() -> fields.number("lon")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("lon").hasMessageContaining("must be a finite number");
    }
}
