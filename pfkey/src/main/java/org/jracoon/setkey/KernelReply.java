package org.jracoon.setkey;

import org.jracoon.pfkey.message.SadbMessage;

/**
 * A message from the kernel with {@code sadb_msg_reserved}, which Linux fills with the entry's
 * reference count in dumps and setkey prints as {@code refcnt}.
 */
record KernelReply(SadbMessage message, int refcnt) {
}
