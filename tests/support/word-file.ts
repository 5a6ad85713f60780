import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from "docx";

// A Word file such as a drafter brings to start a policy: made with the `docx` package (which the server's
// DOCX export uses too), so it holds what Word itself writes: heading styles, real Word bulleted and
// numbered lists (numbering definitions, not typed "1."), bold and italic runs, and a hyperlink part.

/** What the file says, in the order it says it. */
export interface WordFileContent {
  /** The first section's heading (Heading 1) and the heading under it (Heading 2). */
  heading: string;
  subheading: string;
  /** A paragraph: plain words, a bold word, plain words, an italic word, then a link. */
  sentence: { before: string; bold: string; between: string; italic: string; link: { text: string; href: string } };
  bulleted: readonly string[];
  numbered: readonly string[];
}

/** The Word file (.docx bytes) holding `content`. */
export async function wordFileOf(content: WordFileContent): Promise<Buffer> {
  const { sentence } = content;
  const document = new Document({
    numbering: {
      config: [
        {
          reference: "steps",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ text: content.heading, heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun(sentence.before),
              new TextRun({ text: sentence.bold, bold: true }),
              new TextRun(sentence.between),
              new TextRun({ text: sentence.italic, italics: true }),
              new TextRun(" "),
              new ExternalHyperlink({
                link: sentence.link.href,
                children: [new TextRun({ text: sentence.link.text, style: "Hyperlink" })],
              }),
              new TextRun("."),
            ],
          }),
          new Paragraph({ text: content.subheading, heading: HeadingLevel.HEADING_2 }),
          ...content.bulleted.map((item) => new Paragraph({ text: item, bullet: { level: 0 } })),
          ...content.numbered.map((item) => new Paragraph({ text: item, numbering: { reference: "steps", level: 0 } })),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
