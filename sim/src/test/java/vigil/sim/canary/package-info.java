/**
 * Canaries for the report projection's rule: small classes that each do one thing {@code vigil.sim.report} must
 * never do. The rule is applied to them to prove it can fail; they are test code only.
 */
package vigil.sim.canary;
