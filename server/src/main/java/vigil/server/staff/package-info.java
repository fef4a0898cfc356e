/**
 * Staff: who is logged in, as the engine's actor ({@link vigil.server.staff.CurrentActor}). For now a placeholder
 * trusts a header; staff accounts, roles and login replace it behind the same interface. Uses core's vocabulary only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff", allowedDependencies = {})
package vigil.server.staff;
