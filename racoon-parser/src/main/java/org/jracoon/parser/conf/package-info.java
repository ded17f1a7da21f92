/**
 * racoon.conf(5) of ipsec-tools 0.8.2: the ANTLR grammar (Racoon.g4), {@link org.jracoon.parser.conf.ConfigLoader}
 * that turns files into the immutable {@link org.jracoon.parser.conf.RacoonConf} model with racoon's code
 * defaults and semantic checks, {@link org.jracoon.parser.conf.ConfigPrinter} that writes the model back,
 * and {@link org.jracoon.parser.conf.Diagnostic}, the FILE:LINE:COL form every problem is reported in.
 * The model holds no parser types.
 */
package org.jracoon.parser.conf;
