/**
 * The fixture the core's stories are told with: a {@link vigil.core.story.ControlRoom} (roster, policy, engine, story
 * clock), the contract's commands as {@link vigil.core.story.Acts} and its events as
 * {@link vigil.core.story.ExpectedEvents}. Tests only: it drives the engine through its public face.
 */
package vigil.core.story;
