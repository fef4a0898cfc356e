package vigil.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Pages may load images from this server alone; an install that names a tile server for its map
 * ({@code VIGIL_MAP_TILES}, a URL template) lets that server's origin in, and nothing else.
 */
class TheMapFetchesTilesOnlyFromTheServerAnInstallNames {

    @Test
    void withoutATileServerImagesComeFromThisServerAlone() {
        assertThat(SecurityConfiguration.csp("")).isEqualTo(SecurityConfiguration.CSP)
                .contains("img-src 'self' data:;");
    }

    @Test
    void aTileServersOriginAndNoMoreIsAdded() {
        String csp = SecurityConfiguration.csp("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png");

        assertThat(csp).contains("img-src 'self' data: https://tiles.example.org:8443;")
                .contains("default-src 'self'").doesNotContain("/osm");
    }

    @Test
    void aTileSettingThatIsNotAUrlStopsTheStart() {
        assertThatThrownBy(() -> SecurityConfiguration.csp("tiles here")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VIGIL_MAP_TILES");
    }
}
