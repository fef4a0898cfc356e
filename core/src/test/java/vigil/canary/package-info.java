/**
 * Canaries for the architecture rule: small classes that each do one thing the core must never do. The rule is
 * applied to them to prove it can fail; they are test code and never part of the core.
 */
package vigil.canary;
