// An embedded ASS track arriving in parts (player/assfeed.ts, issue 10):
// the Dialogue lines read from each answer, as libass's streaming input
// takes them, and each line once however the answers overlap.
import { describe, expect, test } from 'vitest'
import { ASSParts, assTime, dialogueLines, parseDialogue } from '../src/player/assfeed'

const header = [
  '[Script Info]',
  'ScriptType: v4.00+',
  '',
  '[V4+ Styles]',
  'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
  'Style: Default,DejaVu Sans,20,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,8,10,10,10,1',
  '',
  '[Events]',
  'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
].join('\n')

/** line is the Dialogue line number i, from i s to i+1 s. */
const line = (i: number) => `Dialogue: 0,0:00:0${i}.00,0:00:0${i + 1}.00,Default,,0,0,0,,Line ${i}`

/** answer is the server's answer to ?after=from while it holds lines [from, to). */
const answer = (from: number, to: number) =>
  [header, ...Array.from({ length: Math.max(0, to - from) }, (_, j) => line(from + j))].join('\n') + '\n'

describe('assTime', () => {
  test.each([
    ['ffmpeg\'s two digits', '0:00:01.52', 1520],
    ['hours and minutes', '1:02:03.04', 3723040],
    ['no hundredths', '0:00:07', 7000],
    ['one digit counts hundredths, as libass reads it', '0:00:01.5', 1050],
    ['spaces around', ' 0:00:02.00 ', 2000],
    ['not a time', '00:01.00', null],
    ['empty', '', null],
  ])('%s: %s', (_name, s, want) => {
    expect(assTime(s), `assTime(${JSON.stringify(s)})`).toBe(want)
  })
})

describe('parseDialogue', () => {
  test.each([
    ['a plain line', 'Dialogue: 0,0:00:00.52,0:00:05.02,Default,,0,0,0,,{\\an8}Bonjour', 0,
      { order: 0, chunk: '0,0,Default,,0,0,0,,{\\an8}Bonjour', Start: 520, Duration: 4500, Effect: '', Text: '{\\an8}Bonjour' }],
    ['commas in the text and a layer', 'Dialogue: 3,0:00:01.00,0:00:02.00,Sign,Bob,10,20,30,,Yes, no, maybe', 7,
      { order: 7, chunk: '7,3,Sign,Bob,10,20,30,,Yes, no, maybe', Start: 1000, Duration: 1000, Effect: '', Text: 'Yes, no, maybe' }],
    ['an effect and CRLF', 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,Scroll up;10;100;5,Hi\r', 2,
      { order: 2, chunk: '2,0,Default,,0,0,0,Scroll up;10;100;5,Hi', Start: 1000, Duration: 1000, Effect: 'Scroll up;10;100;5', Text: 'Hi' }],
    ['SSA\'s Marked field', 'Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default,,0000,0000,0000,,Old', 1,
      { order: 1, chunk: '1,0,Default,,0000,0000,0000,,Old', Start: 1000, Duration: 1000, Effect: '', Text: 'Old' }],
    ['an empty text', 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,', 0,
      { order: 0, chunk: '0,0,Default,,0,0,0,,', Start: 1000, Duration: 1000, Effect: '', Text: '' }],
    ['a bad time', 'Dialogue: 0,soon,0:00:02.00,Default,,0,0,0,,Hi', 0, null],
    ['too few fields', 'Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0', 0, null],
    ['a comment', 'Comment: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hi', 0, null],
  ])('%s', (_name, l, order, want) => {
    expect(parseDialogue(l, order), `parseDialogue(${JSON.stringify(l)}, ${order})`).toEqual(want)
  })
})

describe('dialogueLines', () => {
  test.each([
    ['the header alone', header + '\n', []],
    ['no header yet', '', []],
    ['[Events] without its Format line', '[Script Info]\n[Events]\n', []],
    ['lines after the header, CRLF, a comment left out', (header + '\n' + line(1) + '\nComment: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x\n' + line(2) + '\n').replace(/\n/g, '\r\n'), [line(1), line(2)]],
  ])('%s', (_name, script, want) => {
    expect(dialogueLines(script), `dialogueLines(${JSON.stringify(script.slice(-80))})`).toEqual(want)
  })
})

describe('ASSParts', () => {
  // Each case: the answers in order, as [from, to) ranges of lines; want the orders handed out per answer.
  test.each([
    ['answers in order', [[0, 2], [2, 5], [5, 5], [5, 6]], [[0, 1], [2, 3, 4], [], [5]]],
    ['the same answer twice', [[0, 2], [0, 2], [2, 3]], [[0, 1], [], [2]]],
    ['a count that went back: asked again from 0', [[0, 3], [3, 3], [0, 4]], [[0, 1, 2], [], [3]]],
    ['overlapping answers', [[0, 2], [1, 4]], [[0, 1], [2, 3]]],
    ['the header alone, then lines', [[0, 0], [0, 2]], [[], [0, 1]]],
  ])('%s', (_name, answers, want) => {
    const p = new ASSParts()
    const got = answers.map(([from, to]) => p.take(answer(from, to), from).map((l) => l.order))
    expect(got, `answers ${JSON.stringify(answers)}`).toEqual(want)
    expect(p.held).toBe(Math.max(...answers.map(([, to]) => to)))
  })

  test('a line handed out carries its own text and times', () => {
    const [l] = new ASSParts().take(answer(4, 5), 4)
    expect(l).toEqual({ order: 4, chunk: '4,0,Default,,0,0,0,,Line 4', Start: 4000, Duration: 1000, Effect: '', Text: 'Line 4' })
  })

  test('a line that does not parse keeps its place', () => {
    const p = new ASSParts()
    const script = header + '\nDialogue: 0,bad,0:00:02.00,Default,,0,0,0,,x\n' + line(1) + '\n'
    expect(p.take(script, 0).map((l) => l.order)).toEqual([1])
    expect(p.held).toBe(2)
  })
})
