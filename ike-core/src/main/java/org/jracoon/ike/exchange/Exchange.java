package org.jracoon.ike.exchange;

import java.util.Optional;

import org.jracoon.ike.kernel.KernelException;
import org.jracoon.ike.message.IsakmpMessage;
import org.jracoon.ike.message.MessageRules;
import org.jracoon.ike.payload.IsakmpProtocolException;

/**
 * One exchange of an ISAKMP SA as a task (the shape of strongSwan's task.h): the initiator
 * calls {@link #build} then {@link #process} on the answer, the responder the other way round.
 * Exchanges never send, encrypt or time anything; their {@link ExchangeManager} does.
 */
interface Exchange {

    /** The exchange's message ID, 0 for Main Mode. */
    int messageId();

    /** The rules the next received message of this exchange must follow. */
    MessageRules expected();

    /**
     * Takes a received message of this exchange, already decrypted and checked against
     * {@link #expected()}.
     */
    void process(Inbound in) throws IsakmpProtocolException, KernelException;

    /** The next message to send, unencrypted (the E flag in its header asks for encryption), or empty. */
    Optional<IsakmpMessage> build() throws IsakmpProtocolException, KernelException;

    /** Whether the exchange has reached its end (nothing more to send or receive). */
    boolean done();
}
