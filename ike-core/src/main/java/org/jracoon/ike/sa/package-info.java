/**
 * Security associations as the engine keeps them: the ISAKMP SA (cookies, state named after
 * the message awaited next, keys), the IPsec SA pairs installed, and the table that finds an
 * ISAKMP SA by cookies.
 */
package org.jracoon.ike.sa;
