package org.jracoon.ike.exchange;

import java.util.List;

import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.payload.IsakmpProtocolException;
import org.jracoon.ike.payload.Payload;

/**
 * Work that rides on Main Mode's messages without being part of its key exchange, as
 * strongSwan's side tasks (ISAKMP_VENDOR, ISAKMP_NATD) ride beside MAIN_MODE: each adds payloads
 * to the messages it cares about and reads them from the peer's. Messages are numbered 1 (MM1)
 * to 6 (MM6) in both roles.
 */
interface MainModeTask {

    /** The payloads to append to Main Mode message {@code number}, which this side is building. */
    List<Payload> build(int number);

    /** Reads Main Mode message {@code number} from the peer, after Main Mode itself took it. */
    void process(int number, IsakmpMessage message) throws IsakmpProtocolException;
}
