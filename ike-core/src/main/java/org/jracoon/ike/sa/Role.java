package org.jracoon.ike.sa;

/** Which side of an exchange we are. */
public enum Role {
    INITIATOR, RESPONDER
}
