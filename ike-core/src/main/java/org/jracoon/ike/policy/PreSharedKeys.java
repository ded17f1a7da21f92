package org.jracoon.ike.policy;

import java.net.InetAddress;
import java.util.Optional;

import org.jracoon.ike.crypto.Secret;

/**
 * Where pre-shared keys come from (racoon's psk.txt). Main Mode looks them up by the peer's
 * address, because SKEYID is needed before the peer's identity arrives encrypted in MM5.
 */
@FunctionalInterface
public interface PreSharedKeys {

    Optional<Secret> forAddress(InetAddress peer);
}
