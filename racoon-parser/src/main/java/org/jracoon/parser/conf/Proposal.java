package org.jracoon.parser.conf;

import java.util.Optional;

/**
 * One {@code proposal { }} of a remote: a phase-1 transform. The lifetime is already resolved
 * (the proposal's own, else its remote's), and {@code keyLength} is the effective key length in
 * bits (the algorithm's default when none was written, 0 for fixed-key ciphers), as racoon's
 * set_isakmp_proposal() computes them.
 */
public record Proposal(Algorithms.Phase1Cipher cipher, int keyLength, Algorithms.Hash hash,
                       Algorithms.AuthMethod authMethod, Algorithms.DhGroup dhGroup, long lifetimeSeconds,
                       Optional<String> gssId) {
}
