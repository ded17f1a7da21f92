package org.jracoon.ike.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jracoon.ike.crypto.ModpGroup;
import org.jracoon.ike.kernel.TrafficSelector;

/**
 * racoon's {@code sainfo}: for traffic between a local and a remote selector (or any traffic,
 * when anonymous), the ESP ciphers and integrity algorithms offered as their cross product,
 * the PFS group and the lifetime in seconds.
 *
 * @param selector source = our side, destination = the peer's side; empty for {@code sainfo anonymous}
 */
public record Phase2Policy(Optional<TrafficSelector> selector, List<IpsecEncryption> encryption,
        List<IpsecAuthentication> authentication, Optional<ModpGroup> pfsGroup, long lifetimeSeconds) {

    public Phase2Policy {
        Objects.requireNonNull(selector);
        encryption = List.copyOf(encryption);
        authentication = List.copyOf(authentication);
        Objects.requireNonNull(pfsGroup);
        if (authentication.isEmpty()) {
            throw new IllegalArgumentException("a phase-2 policy needs an authentication algorithm");
        }
        if (lifetimeSeconds <= 0 || lifetimeSeconds > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("phase-2 lifetime " + lifetimeSeconds + " s");
        }
    }

    @Override
    public String toString() {
        return "sainfo " + selector.map(TrafficSelector::toString).orElse("anonymous");
    }
}
