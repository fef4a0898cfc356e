/**
 * Configuration: {@link vigil.server.config.VigilProperties}, the one record every {@code VIGIL_*} environment variable
 * maps to, with laptop defaults. Depends on nothing; every module may read it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Configuration", allowedDependencies = {})
package vigil.server.config;
