import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } from 'docx';
import { beijingDateText, composeReport, type Incident, type IncidentReport } from '../../shared/incidents.ts';

/** Who sends the reports (报送单位): the bureau's duty office. */
export const REPORTING_UNIT = '九江市应急管理局';

const KIND_NAME = { initial: '首报', follow_up: '续报', final: '终报' } as const;

/**
 * Fonts as an office's documents name them: 仿宋 for the text, 黑体 for headings (GB/T 9704), with Times New
 * Roman for Latin letters and digits. The document's default is 宋体, which every Chinese Windows and WPS has:
 * a run whose font is missing falls back to it rather than to a Latin font without Chinese glyphs.
 */
const FANGSONG = { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const HEITI = { eastAsia: '黑体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const SONGTI = { eastAsia: '宋体', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

/** Sizes in half-points: 二号 22 pt for the title, 三号 16 pt for the text (the office's usual sizes). */
const ERHAO = 44;
const SANHAO = 32;

const A4 = { width: 11906, height: 16838 }; // twips (210 × 297 mm)
/** 公文 margins: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right. */
const MARGINS = { top: 2098, bottom: 1984, left: 1587, right: 1474 };

const run = (text: string, font = FANGSONG, size = SANHAO, bold = false) => new TextRun({ text, font, size, bold });

/**
 * 突发事件信息报告 as a .docx: the red head (the bureau, 突发事件信息, the kind), the number and date line with
 * 报送单位 and 签发人 above a red rule, the report's title, then its elements as paragraphs — the opening
 * sentence, and each element under its 黑体 heading — on A4.
 */
export async function reportDocx(incident: Incident, report: IncidentReport): Promise<Buffer> {
  const kind = KIND_NAME[report.kind];
  const date = beijingDateText(report.signedAt ?? report.writtenAt);
  const body = report.elements
    ? composeReport(report.kind, report.elements).flatMap((p) => [
        ...(p.heading ? [new Paragraph({ spacing: { line: 560 }, indent: { firstLineChars: 200 }, children: [run(p.heading, HEITI)] })] : []),
        new Paragraph({ spacing: { line: 560 }, indent: { firstLineChars: 200 }, children: [run(p.text)] }),
      ])
    : // a report filed before the template: its text as it was written
      report.text.split('\n').map((line) => new Paragraph({ spacing: { line: 560 }, indent: { firstLineChars: 200 }, children: [run(line)] }));

  const doc = new Document({
    creator: REPORTING_UNIT,
    title: `${incident.title}（${kind}）`,
    styles: { default: { document: { run: { font: SONGTI, size: SANHAO } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGINS } },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `${REPORTING_UNIT}突发事件信息`, font: SONGTI, size: 60, bold: true, color: 'C00000' })],
          }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200 }, children: [run(`（${kind}）`)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`第${report.n}期`)] }),
          new Paragraph({
            spacing: { before: 200 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: 'C00000', space: 6 } },
            children: [run(`报送单位：${REPORTING_UNIT}    签发人：${report.signedBy ?? '（待签发）'}    ${date}`)],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 400, after: 300 },
            children: [run(`关于${incident.title}的${kind}`, HEITI, ERHAO)],
          }),
          ...body,
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            spacing: { before: 400 },
            children: [run(`拟稿：${report.authorName}    事件编号：${incident.id}`, FANGSONG, 28)],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
