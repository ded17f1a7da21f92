package org.jracoon.parser.conf;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the first syntax error of a file into one {@link Diagnostic} that names what was expected
 * there, suggests the keyword a misspelt word was probably meant to be, and for an unexpected end
 * of file names the block left open. Parsing stops at the first syntax error, as racoon's does:
 * what follows a syntax error is rarely worth reporting.
 */
final class SyntaxErrorReporter extends BaseErrorListener {

    /** Thrown out of the parser to stop at the first error. */
    static final class Stop extends RuntimeException {
        final Diagnostic diagnostic;

        Stop(Diagnostic diagnostic) {
            super(diagnostic.toString(), null, false, false);
            this.diagnostic = diagnostic;
        }
    }

    /** Keywords of other racoon dialects met in the wild, which ipsec-tools 0.8.2 rejects. */
    private static final Map<String, String> FOREIGN = Map.of(
            "auto_exit_delay", "Apple's racoon",
            "certificate_verification", "Apple's racoon",
            "dpd_algorithm", "Apple's racoon",
            "support_mip6", "KAME's racoon",
            "identifier", "KAME's racoon (use my_identifier)",
            "restrict_check", "KAME's racoon");

    private static final int LIST_LIMIT = 8;
    private static final int OPEN_BRACE = literalType("'{'");
    private static final int SEMICOLON = literalType("';'");

    private final String file;

    SyntaxErrorReporter(String file) {
        this.file = file;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException e) {
        Parser parser = (Parser) recognizer;
        Token token = e != null && e.getOffendingToken() != null ? e.getOffendingToken() : (Token) offendingSymbol;
        IntervalSet expected = e != null && e.getExpectedTokens() != null && !e.getExpectedTokens().isNil()
                ? e.getExpectedTokens() : parser.getExpectedTokens();
        String message = describe(parser, token, expected);
        throw new Stop(Diagnostic.error(file, token.getLine(), token.getCharPositionInLine() + 1, message));
    }

    private String describe(Parser parser, Token token, IntervalSet expected) {
        Vocabulary vocabulary = parser.getVocabulary();
        String section = sectionName(parser.getContext());
        String text = token.getText();
        switch (token.getType()) {
            case RacoonParser.UNTERMINATED_STRING:
                return "unterminated string: no closing '\"' before the end of the file";
            case RacoonParser.BAD_CHAR:
                return "unexpected character " + printable(text) + " " + section;
            case Token.EOF:
                return openBlock(parser.getContext())
                        .map(open -> "unexpected end of file: the '" + open.getStart().getText() + "' block opened at "
                                + open.getStart().getLine() + ":" + (open.getStart().getCharPositionInLine() + 1)
                                + " is not closed (missing '}')")
                        .orElse("unexpected end of file " + section + ": expected " + list(expected, vocabulary));
            default:
                break;
        }
        if (FOREIGN.containsKey(text)) {
            return "'" + text + "' is a keyword of " + FOREIGN.get(text) + ", not of ipsec-tools racoon: remove it";
        }
        if (text.equals("/") && nextChar(token) == '*') {
            return "racoon.conf has no /* */ comments: start comment lines with '#'";
        }
        if (text.equals("}") && section.equals("at top level")) {
            return "unexpected '}' at top level: no block is open here";
        }
        if (token.getType() == RacoonParser.WORD && text.matches(".*[./@].*")) {
            return "'" + text + "' must be quoted: names and file names are written \"" + text + "\"";
        }
        if (expected.size() == 1 && expected.contains(SEMICOLON)) {
            return "expected ';' before " + shown(token, vocabulary);
        }
        List<String> keywords = keywords(expected, vocabulary);
        boolean wordLike = token.getType() == RacoonParser.WORD || token.getType() == RacoonParser.ADDRESS
                || isKeyword(vocabulary, token.getType());
        Optional<String> nearest = wordLike ? Suggestions.nearest(text, keywords) : Optional.empty();
        String what;
        if (token.getType() == RacoonParser.WORD) {
            what = "unknown keyword '" + text + "' " + section;
        } else if (isKeyword(vocabulary, token.getType())) {
            what = "'" + text + "' is not allowed here " + section;
        } else {
            what = "unexpected " + shown(token, vocabulary) + " " + section;
        }
        return nearest.map(s -> what + " (did you mean '" + s + "'?)")
                .orElseGet(() -> what + ": expected " + list(expected, vocabulary));
    }

    /** "in the remote block" / "at top level", from the innermost section rule on the stack. */
    private static String sectionName(ParserRuleContext ctx) {
        return section(ctx).map(c -> "in the '" + c.getStart().getText() + "' block").orElse("at top level");
    }

    private static Optional<ParserRuleContext> section(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (isSection(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean isSection(ParserRuleContext c) {
        return c instanceof RacoonParser.RemoteContext || c instanceof RacoonParser.ProposalContext
                || c instanceof RacoonParser.SainfoContext || c instanceof RacoonParser.ListenContext
                || c instanceof RacoonParser.TimerContext || c instanceof RacoonParser.PaddingContext
                || c instanceof RacoonParser.PrivsepContext || c instanceof RacoonParser.ModeCfgContext
                || c instanceof RacoonParser.LdapcfgContext || c instanceof RacoonParser.RadiuscfgContext;
    }

    /** The innermost section whose '{' has been read: the one an end of file leaves open. */
    private static Optional<ParserRuleContext> openBlock(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (isSection(c) && hasOpenBrace(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean hasOpenBrace(ParserRuleContext c) {
        if (c.getToken(OPEN_BRACE, 0) != null) {
            return true;
        }
        // a remote's braces belong to its remoteBlock child
        return c instanceof RacoonParser.RemoteContext r && r.remoteBlock() != null;
    }

    private static int literalType(String literal) {
        Vocabulary vocabulary = RacoonParser.VOCABULARY;
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            if (literal.equals(vocabulary.getLiteralName(type))) {
                return type;
            }
        }
        throw new IllegalStateException("grammar has no token " + literal);
    }

    private static boolean isKeyword(Vocabulary vocabulary, int type) {
        String literal = vocabulary.getLiteralName(type);
        return literal != null && Character.isLetterOrDigit(literal.charAt(1));
    }

    private static List<String> keywords(IntervalSet expected, Vocabulary vocabulary) {
        List<String> out = new ArrayList<>();
        for (int type : expected.toArray()) {
            if (isKeyword(vocabulary, type)) {
                String literal = vocabulary.getLiteralName(type);
                out.add(literal.substring(1, literal.length() - 1));
            }
        }
        return out;
    }

    private static String list(IntervalSet expected, Vocabulary vocabulary) {
        Set<String> items = new LinkedHashSet<>();
        for (int type : expected.toArray()) {
            items.add(expectedName(type, vocabulary));
        }
        List<String> all = new ArrayList<>(items);
        if (all.size() == 1) {
            return all.get(0);
        }
        if (all.size() > LIST_LIMIT) {
            return "one of " + String.join(", ", all.subList(0, LIST_LIMIT)) + ", ... (" + all.size() + " in all)";
        }
        return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    private static String expectedName(int type, Vocabulary vocabulary) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case RacoonParser.STRING -> "a quoted string";
            case RacoonParser.NUMBER -> "a number";
            case RacoonParser.ADDRESS -> "an IP address";
            default -> vocabulary.getLiteralName(type) != null ? vocabulary.getLiteralName(type) : vocabulary.getDisplayName(type);
        };
    }

    private static String shown(Token token, Vocabulary vocabulary) {
        return switch (token.getType()) {
            case RacoonParser.STRING -> "string " + oneLine(token.getText());
            case RacoonParser.NUMBER -> "number " + token.getText();
            case RacoonParser.ADDRESS -> "'" + token.getText() + "'";
            case RacoonParser.HEXSTRING -> "hex string " + token.getText();
            default -> "'" + token.getText() + "'";
        };
    }

    /** A quoted string may span lines; the diagnostic that shows it may not. */
    private static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    private static int nextChar(Token token) {
        int next = token.getStopIndex() + 1;
        return next < token.getInputStream().size()
                ? token.getInputStream().getText(Interval.of(next, next)).charAt(0) : -1;
    }

    private static String printable(String text) {
        int c = text.codePointAt(0);
        return c < 0x20 || c == 0x7f || c > 0x7e ? String.format("U+%04X", c) : "'" + text + "'";
    }
}
