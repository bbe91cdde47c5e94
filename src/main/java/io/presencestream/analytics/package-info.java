/**
 * The contact-centre view's rules (docs/contact-centre.md): agent states, per-agent day figures, queue calls,
 * queue statistics and alerts, derived from the engine's events, the directory and time. Pure like the engine:
 * no clock read and no I/O; every input carries its instant, so a replay gives the same figures.
 * {@link io.presencestream.analytics.ContactCentreView} is the façade the public
 * {@link io.presencestream.ContactCentre} drives from its one serial stage; every other class here is
 * package-private machinery with one responsibility.
 */
package io.presencestream.analytics;
