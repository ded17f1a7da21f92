/**
 * The engine's own configuration: remote policies with their phase-1 proposals, identities,
 * proposal checking and timers; phase-2 policies (racoon's sainfo); the pre-shared key lookup.
 * The daemon maps racoon.conf and psk.txt onto these, so a test can drive the engine without them.
 */
package org.jracoon.ike.policy;
