package vigil.core;

/**
 * What a member of staff may do. {@link #ADMIN} manages staff and the roster of units; {@link #UNIT} is a deployable
 * unit acting for itself.
 */
public enum Role {
    CALL_HANDLER, DESPATCHER, CONTROLLER, INSPECTOR, DUTY_OFFICER, RTRD, OIC, CRIME_MANAGER, QA_REVIEWER, ADMIN, UNIT
}
