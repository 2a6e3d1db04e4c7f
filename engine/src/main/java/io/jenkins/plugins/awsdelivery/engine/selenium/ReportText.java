package io.jenkins.plugins.awsdelivery.engine.selenium;

/**
 * Length limits for text that goes from a test's output into results and reports. Test output is written by the code
 * under test, so a single attribute may be any size; what is kept, and written into {@code index.html}, is capped.
 */
final class ReportText {
    /** Names: test, class and suite names, file names. */
    static final int NAME_MAX = 1024;
    /** A failure message, and the message of each rerun. */
    static final int MESSAGE_MAX = 8 * 1024;
    /** Anything else written into a report, stack traces included. */
    static final int TEXT_MAX = 32 * 1024;

    private ReportText() {}

    /** {@code text} cut to {@code max} characters, saying so; null stays null. */
    static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "… [cut at " + max + " characters]";
    }
}
