package org.jracoon.ike.engine;

import java.net.InetSocketAddress;
import java.util.List;

import org.jracoon.ike.sa.Cookies;
import org.jracoon.ike.sa.IpsecSa;

/** What the engine reports to logs, scripts and the admin socket. */
public sealed interface EngineEvent {

    Cookies cookies();

    /** @param peerId the identity the peer proved, as logged */
    record Phase1Established(Cookies cookies, InetSocketAddress peer, InetSocketAddress local, String peerId)
            implements EngineEvent {
    }

    /**
     * An established ISAKMP SA ended: expired, deleted by either side, purged, or (with
     * {@code dead}) its peer stopped answering dead peer detection.
     */
    record Phase1Down(Cookies cookies, InetSocketAddress peer, InetSocketAddress local, String peerId, boolean dead)
            implements EngineEvent {
    }

    /** @param reason one line, as logged */
    record Phase1Failed(Cookies cookies, InetSocketAddress peer, String reason) implements EngineEvent {
    }

    record Phase2Established(Cookies cookies, List<IpsecSa> sas) implements EngineEvent {
    }

    /** @param reason one line, as logged */
    record Phase2Failed(Cookies cookies, int messageId, String reason) implements EngineEvent {
    }
}
