/**
 * The OpenAPI description at {@code /v3/api-docs} (springdoc; docs/adr/072): what springdoc reads from the controllers,
 * plus what it cannot see there — the command body (the scenario contract's vocabulary, {@link
 * vigil.server.apidocs.CommandCatalog}), what each answer holds (docs/adr/115), the problem+json answers and the
 * stream's frames. Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "API description", allowedDependencies = {})
package vigil.server.apidocs;
