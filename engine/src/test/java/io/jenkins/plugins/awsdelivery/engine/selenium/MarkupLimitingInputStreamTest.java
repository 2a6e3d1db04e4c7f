package io.jenkins.plugins.awsdelivery.engine.selenium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * The filter must leave real reports byte for byte as they are, and leave documents with huge values well-formed: the
 * JDK's own StAX parser, reading the filtered bytes with coalescing on, is the judge of both.
 */
class MarkupLimitingInputStreamTest {
    private static final int LIMIT = MarkupLimitingInputStream.LIMIT;

    @Test
    void reportsOfTheRealTools_passUnchanged() throws Exception {
        Path reports = JunitParserRealToolsTest.reports("surefire").getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(reports)) {
            files = walk.filter(p -> p.toString().endsWith(".xml")).toList();
        }

        assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(filtered(Files.readAllBytes(file)))
                .as(file.toString())
                .isEqualTo(Files.readAllBytes(file)));
    }

    @Test
    void attributeValueLongerThanTheLimit_isCutThereAndTheDocumentStaysWellFormed() throws Exception {
        String value = "a".repeat(LIMIT + 10_000);

        Parsed parsed = parse(filtered(utf8("<t message='" + value + "' type=\"x > y\">text</t>")));

        assertThat(parsed.attributes).containsExactly("a".repeat(LIMIT), "x > y");
        assertThat(parsed.text).isEqualTo("text");
    }

    @Test
    void cutAtTheLimit_neverSplitsAUtf8CharacterOrAReference() throws Exception {
        String splitCharacter = "a".repeat(LIMIT - 1) + "é" + "b".repeat(100);
        String splitReference = "a".repeat(LIMIT - 2) + "&amp;" + "b".repeat(100);

        Parsed parsed = parse(filtered(utf8("<t one=\"" + splitCharacter + "\" two=\"" + splitReference + "\"/>")));

        assertThat(parsed.attributes).containsExactly("a".repeat(LIMIT - 1) + "é", "a".repeat(LIMIT - 2) + "&");
    }

    @Test
    void commentLongerThanTheLimit_isCutAndTheDocumentStaysWellFormed() throws Exception {
        String comment = "-x".repeat(LIMIT); // a dash right where the cut falls

        Parsed parsed = parse(filtered(utf8("<t><!--" + comment + "-->after</t>")));

        assertThat(parsed.comments).singleElement().asString().hasSizeBetween(LIMIT, LIMIT + 2);
        assertThat(parsed.text).isEqualTo("after");
    }

    @Test
    void textAndCdataLongerThanTheLimit_passUnchanged() throws IOException {
        String document =
                "<t a='1'>" + "x\"'>".repeat(LIMIT) + "<![CDATA[" + "<a b='" + "c".repeat(2 * LIMIT) + "]]></t>";

        assertThat(filtered(utf8(document))).isEqualTo(utf8(document));
    }

    @Test
    void utf16Document_passesUnchanged() throws IOException {
        byte[] document = ("\uFEFF<t message='" + "a".repeat(LIMIT + 10) + "'/>").getBytes(StandardCharsets.UTF_16BE);

        assertThat(filtered(document)).isEqualTo(document);
    }

    private static byte[] filtered(byte[] document) throws IOException {
        try (InputStream in =
                MarkupLimitingInputStream.wrap(new BufferedInputStream(new ByteArrayInputStream(document)))) {
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private record Parsed(List<String> attributes, List<String> comments, String text) {}

    private static Parsed parse(byte[] document) throws Exception {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(document));
        List<String> attributes = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.add(reader.getAttributeValue(i));
                    }
                }
                case XMLStreamConstants.COMMENT -> comments.add(reader.getText());
                case XMLStreamConstants.CHARACTERS -> text.append(reader.getText());
                default -> {}
            }
        }
        return new Parsed(attributes, comments, text.toString());
    }
}
