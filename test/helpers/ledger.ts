/**
 * Test ledgers: a small, fully consistent base ledger (every rule's checks tie) kept as
 * plain data, one YAML document per file, that a test copies, changes a figure or two of,
 * writes into a fresh temporary directory (serialized with the `yaml` package) and loads
 * with the real loader. Figures are written as printed, in tkr unless a row says otherwise.
 *
 *   const spec = baseSpec();
 *   shiftFigure(spec, 'rr.summa_intakter.2024', 1_000);   // 107 300 → 108 300
 *   const { ledger, dir } = await loadSpec(spec);
 *
 * Figure ids are the loader's (docs/ledger-format.md): `rr.intakter_av_anslag.2024`,
 * `anslag.uo8.1_1.ap1.utgifter`, `inkomsttitel.summa.inkomster`,
 * `bemyndigande.uo8.1_1.ap1.2025`, `villkor.tak_forvar.utfall`,
 * `rb.uo8.1_1.ap1.2024-06-20.anslagskredit`, `rb.laneram.2024-06-20`, `rb.bemyndiganderam.uo8.1_1.ap1`.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { Decimal, parseAmount } from '../../src/domain/amount.js';
import type { Ledger } from '../../src/domain/model.js';
import { formatInputError, LedgerInputError } from '../../src/ledger/errors.js';
import { loadLedger } from '../../src/ledger/load.js';

/** Plain YAML data as the loader sees it: every scalar a string. */
export type Plain = string | null | Plain[] | { [key: string]: Plain };
export type PlainMap = { [key: string]: Plain };
/** A ledger as files: name (relative to the ledger directory) → YAML document, or raw YAML text. */
export type LedgerSpec = Record<string, PlainMap | string>;

// ---------------------------------------------------------------------------------------
// The base ledger

// (ledger files may not use YAML aliases: every table gets its own column list)
const years = (): PlainMap[] => [
  { id: '2024', rubrik: '2024' },
  { id: '2023', rubrik: '2023' },
];
/** One table row: `v` is one printed figure per column. */
const row = (id: string, text: string, v: (string | null)[] | undefined, extra: PlainMap = {}): PlainMap => ({
  id,
  text,
  ...(v ? { v } : {}),
  ...extra,
});

function manifest(): PlainMap {
  return {
    myndighet: 'Testverket',
    organisationsnummer: '202100-0000',
    ar: '2024',
    layout: 'ESV-2024',
    enhet: 'tkr',
    filer: [
      'vasentliga-uppgifter.yaml',
      'resultatrakning.yaml',
      'balansrakning.yaml',
      'finansieringsanalys.yaml',
      'anslagsredovisning.yaml',
      'regleringsbrev.yaml',
      'noter.yaml',
    ],
    kanda_avvikelser: 'kanda-avvikelser.yaml',
  };
}

/** Resultaträkning. Verksamhetsutfall = 107 300 − 107 100 = 200 (2023: 95 700 − 95 050 = 650). */
function resultatrakning(): PlainMap {
  return {
    tabeller: [
      {
        id: 'rr',
        titel: 'Resultaträkning',
        typ: 'resultatrakning',
        kolumner: years(),
        rader: [
          row('intakter_av_anslag', 'Intäkter av anslag', ['100 000', '90 000'], { not: '1' }),
          row('intakter_av_avgifter', 'Intäkter av avgifter och andra ersättningar', ['5 000', '4 000']),
          row('intakter_av_bidrag', 'Intäkter av bidrag', ['2 000', '1 500']),
          row('finansiella_intakter', 'Finansiella intäkter', ['300', '200']),
          row('summa_intakter', 'Summa', ['107 300', '95 700']),
          row('kostnader_for_personal', 'Kostnader för personal', ['-60 000', '-55 000']),
          row('kostnader_for_lokaler', 'Kostnader för lokaler', ['-15 000', '-14 000']),
          row('ovriga_driftkostnader', 'Övriga driftkostnader', ['-25 000', '-22 000']),
          row('finansiella_kostnader', 'Finansiella kostnader', ['-100', '-50']),
          row('avskrivningar', 'Avskrivningar och nedskrivningar', ['-7 000', '-4 000']),
          row('summa_kostnader', 'Summa', ['-107 100', '-95 050']),
          row('verksamhetsutfall', 'Verksamhetsutfall', ['200', '650']),
          row('uppbord_intakter', 'Intäkter av avgifter m.m. som inte disponeras', ['40 000', '35 000']),
          row('uppbord_medel_till_statens_budget', 'Medel som tillförts statens budget från uppbördsverksamhet', ['-40 000', '-35 000']),
          row('saldo_uppbord', 'Saldo', ['0', '0']),
          row('transf_medel_fran_statens_budget', 'Medel som erhållits från statens budget för finansiering av bidrag', ['20 000', '18 000']),
          row('transf_lamnade_bidrag', 'Lämnade bidrag', ['-20 000', '-18 000']),
          row('saldo_transfereringar', 'Saldo', ['0', '0']),
          row('arets_kapitalforandring', 'Årets kapitalförändring', ['200', '650']),
        ],
      },
    ],
  };
}

/** Balansräkning: tillgångar 20 600 = kapital och skulder 20 600 (2023: 17 400). */
function balansrakning(): PlainMap {
  return {
    tabeller: [
      {
        id: 'br',
        titel: 'Balansräkning',
        typ: 'balansrakning',
        kolumner: years(),
        rader: [
          row('rubrik_tillgangar', 'TILLGÅNGAR', undefined, { egen: 'true' }),
          row('immat_balanserade_utgifter', 'Balanserade utgifter för utveckling', ['10 000', '8 000']),
          row('summa_immateriella', 'Summa immateriella anläggningstillgångar', ['10 000', '8 000']),
          row('kundfordringar', 'Kundfordringar', ['1 000', '900']),
          row('fordringar_myndigheter', 'Fordringar hos andra myndigheter', ['2 000', '1 800']),
          row('summa_fordringar', 'Summa kortfristiga fordringar', ['3 000', '2 700']),
          row('avrakning_med_statsverket', 'Avräkning med statsverket', ['-500', '-400']),
          row('summa_avrakning_med_statsverket', 'Summa avräkning med statsverket', ['-500', '-400']),
          row('rantekonto', 'Behållning räntekonto i Riksgäldskontoret', ['8 000', '7 000']),
          row('kassa_och_bank', 'Kassa och bank', ['100', '100']),
          row('summa_kassa_och_bank', 'Summa kassa och bank', ['8 100', '7 100']),
          row('summa_tillgangar', 'SUMMA TILLGÅNGAR', ['20 600', '17 400']),
          row('statskapital', 'Statskapital', ['1 000', '1 000']),
          row('balanserad_kapitalforandring', 'Balanserad kapitalförändring', ['2 650', '2 000']),
          row('kapitalforandring_enligt_rr', 'Kapitalförändring enligt resultaträkningen', ['200', '650']),
          row('summa_myndighetskapital', 'Summa myndighetskapital', ['3 850', '3 650']),
          row('lan_i_rgk', 'Lån i Riksgäldskontoret', ['9 000', '7 000'], { not: '2' }),
          row('leverantorsskulder', 'Leverantörsskulder', ['4 000', '3 000']),
          row('summa_skulder', 'Summa skulder m.m.', ['13 000', '10 000']),
          row('upplupna_kostnader', 'Upplupna kostnader', ['3 750', '3 750']),
          row('summa_periodavgransning_skulder', 'Summa periodavgränsningsposter', ['3 750', '3 750']),
          row('summa_kapital_och_skulder', 'SUMMA KAPITAL OCH SKULDER', ['20 600', '17 400']),
          row('ovriga_ansvarsforbindelser', 'Övriga ansvarsförbindelser', ['1 500', '1 200']),
        ],
      },
    ],
  };
}

/** Finansieringsanalys: förändring av likvida medel 900 (2023: 2 000); likvida medel 6 700 → 7 600. */
function finansieringsanalys(): PlainMap {
  return {
    tabeller: [
      {
        id: 'fa',
        titel: 'Finansieringsanalys',
        typ: 'finansieringsanalys',
        kolumner: years(),
        rader: [
          row('drift_kostnader', 'Kostnader', ['-100 000', '-91 000']),
          row('drift_intakter_av_anslag', 'Intäkter av anslag', ['100 000', '90 000']),
          row('drift_intakter_av_avgifter', 'Intäkter av avgifter och andra ersättningar', ['5 000', '4 000']),
          row('drift_intakter_av_bidrag', 'Intäkter av bidrag', ['2 000', '1 500']),
          row('drift_ovriga_intakter', 'Övriga intäkter', ['300', '200']),
          row('drift_summa_finansiering', 'Summa medel som tillförts för finansiering av drift', ['107 300', '95 700']),
          row('drift_forandring_fordringar', 'Ökning (-)/minskning (+) av kortfristiga fordringar', ['-300', '-200']),
          row('drift_forandring_skulder', 'Ökning (+)/minskning (-) av kortfristiga skulder', ['900', '500']),
          row('kassaflode_drift', 'Kassaflöde från drift', ['7 900', '5 000']),
          row('inv_immateriella', 'Investeringar i immateriella tillgångar', ['-9 000', '-5 000']),
          row('inv_summa_utgifter', 'Summa investeringsutgifter', ['-9 000', '-5 000']),
          row('inv_lan_rgk', 'Lån från Riksgäldskontoret', ['4 000', '3 000']),
          row('inv_amorteringar_rgk', '– amorteringar', ['-2 000', '-1 000']),
          row('inv_summa_finansiering', 'Summa medel som tillförts för finansiering av investeringar', ['2 000', '2 000']),
          row('kassaflode_investeringar', 'Kassaflöde till investeringar', ['-7 000', '-3 000']),
          row('uppb_intakter', 'Intäkter av avgifter m.m. som inte disponeras av myndigheten', ['40 000', '35 000']),
          row('uppb_inbetalningar', 'Inbetalningar i uppbördsverksamhet', ['40 000', '35 000']),
          row('uppb_medel_till_statens_budget', 'Medel som tillförts statens budget från uppbördsverksamhet', ['-40 000', '-35 000']),
          row('kassaflode_uppbord', 'Kassaflöde från uppbördsverksamhet', ['0', '0']),
          row('transf_lamnade_bidrag', 'Lämnade bidrag', ['-20 000', '-18 000']),
          row('transf_utbetalningar', 'Utbetalningar i transfereringsverksamhet', ['-20 000', '-18 000']),
          row('transf_medel_fran_statens_budget', 'Medel som erhållits från statens budget för finansiering av bidrag', ['20 000', '18 000']),
          row('transf_summa_finansiering', 'Summa medel som tillförts för finansiering av transfereringsverksamhet', ['20 000', '18 000']),
          row('kassaflode_transfereringar', 'Kassaflöde från transfereringsverksamhet', ['0', '0']),
          row('forandring_likvida_medel', 'Förändring av likvida medel', ['900', '2 000']),
          row('likvida_medel_ib', 'Likvida medel vid årets början', ['6 700', '4 700']),
          row('forandring_kassa_och_bank', 'Ökning (+)/minskning (–) av kassa och bank', ['0', '0']),
          row('forandring_rgk', 'Ökning (+)/minskning (–) av tillgodohavande Riksgäldskontoret', ['1 000', '2 000']),
          row('forandring_avrakning', 'Ökning (+)/minskning (–) av avräkning med statsverket', ['-100', '0']),
          row('summa_forandring_likvida_medel', 'Summa förändring av likvida medel', ['900', '2 000']),
          row('likvida_medel_ub', 'Likvida medel vid årets slut', ['7 600', '6 700']),
        ],
      },
    ],
  };
}

/** Sammanställning över väsentliga uppgifter, two year columns. */
function vasentligaUppgifter(): PlainMap {
  return {
    tabeller: [
      {
        id: 'vu',
        titel: 'Väsentliga uppgifter',
        typ: 'vasentliga_uppgifter',
        kolumner: years(),
        rader: [
          row('laneram_beviljad', 'Låneram: beviljad i regleringsbrevet', ['12 000', '10 000']),
          row('laneram_utnyttjad', 'Låneram: utnyttjad vid räkenskapsårets slut', ['9 000', '7 000']),
          row('kontokredit_beviljad', 'Kontokredit: beviljad i regleringsbrevet', ['5 000', '5 000']),
          row('kontokredit_maximalt_utnyttjad', 'Kontokredit: maximalt utnyttjad', ['0', '1 000']),
          row('rantekonto_ranteintakter', 'Räntekonto: ränteintäkter', ['250', '150']),
          row('rantekonto_rantekostnader', 'Räntekonto: räntekostnader', ['0', '10']),
          row('avgiftsintakter_disponeras', 'Avgiftsintäkter som disponeras av myndigheten', ['5 000', '4 000']),
          row('avgiftsintakter_ej_disponeras', 'Avgiftsintäkter som inte disponeras av myndigheten', ['40 000', '35 000']),
          row('varav_ansokningsavgifter', 'varav ansökningsavgifter', ['30 000', '35 000'], { egen: 'true', hogst: 'vu.avgiftsintakter_ej_disponeras' }),
          row('anslagskredit_beviljad', 'Anslagskredit: beviljad i regleringsbrevet', ['6 000', '5 000']),
          row('anslagskredit_utnyttjad', 'Anslagskredit: utnyttjad kredit', ['4 000', '0']),
          // 2023: the positive ingående överföringsbelopp of 2024, 2 000 + 1 000 + 3 000.
          row('anslagssparande', 'Anslagssparande (samtliga ramanslag)', ['9 000', '6 000']),
          row('ataganden_uo8_1_1_ap1', 'Åtaganden UO8 1:1 ap 1', ['30 000', '25 000'], { rad: 'bemyndiganden_ataganden', anslagspost: 'uo8.1_1.ap1' }),
          row('tilldelade_uo8_1_1_ap1', 'Tilldelade UO8 1:1 ap 1', ['40 000', '35 000'], { rad: 'bemyndiganden_tilldelade', anslagspost: 'uo8.1_1.ap1' }),
          row('arsarbetskrafter', 'Årsarbetskrafter', ['100', '91'], { enhet: 'antal' }),
          row('medelantal_anstallda', 'Medelantal anställda', ['120', '91'], { enhet: 'antal' }),
          row('driftkostnad_per_arsarbetskraft', 'Driftkostnad per årsarbetskraft', ['1 000', '1 000']),
          row('arets_kapitalforandring', 'Årets kapitalförändring', ['200', '650']),
          row('balanserad_kapitalforandring', 'Balanserad kapitalförändring', ['2 650', '2 000']),
        ],
      },
    ],
  };
}

/**
 * Anslagsredovisning: UO 8 with anslag 1:1 (two poster, printed anslag summa) and 1:2 (one
 * post), printed UO summa; UO 13 with one anslag, no summa; printed grand total.
 * Columns: ingående, tilldelning, omdisponerat, utnyttjat överskridande, indragning,
 * totalt disponibelt, utgifter, utgående.
 */
function anslagsredovisning(): PlainMap {
  return {
    anslagsredovisning: {
      enhet: 'tkr',
      kolumner: [
        'ingaende_overforingsbelopp', 'tilldelning', 'omdisponerat', 'utnyttjat_medgivet_overskridande',
        'indragning', 'totalt_disponibelt', 'utgifter', 'utgaende_overforingsbelopp',
      ],
      utgiftsomraden: [
        {
          uo: '8',
          namn: 'Migration',
          anslag: [
            {
              anslag: '1:1',
              namn: 'Testverket',
              typ: 'ramanslag',
              rantebarande: 'true',
              poster: [
                { ap: '1', namn: 'Testverket', v: ['2 000', '50 000', '1 000', '2 000', '-2 000', '53 000', '-57 000', '-4 000'] },
                { ap: '2', namn: 'Särskilda insatser', v: ['1 000', '20 000', '-1 000', '0', '-1 000', '19 000', '-17 000', '2 000'] },
              ],
              summa: { v: ['3 000', '70 000', '0', '2 000', '-3 000', '72 000', '-74 000', '-2 000'] },
            },
            {
              anslag: '1:2',
              namn: 'Ersättningar',
              typ: 'ramanslag',
              rantebarande: 'false',
              poster: [{ ap: '1', namn: 'Ersättningar', v: ['3 000', '30 000', '0', '0', '0', '33 000', '-26 000', '7 000'] }],
            },
          ],
          summa: { v: ['6 000', '100 000', '0', '2 000', '-3 000', '105 000', '-100 000', '5 000'] },
        },
        {
          uo: '13',
          namn: 'Jämställdhet och etablering',
          anslag: [
            {
              anslag: '1:3',
              namn: 'Etablering',
              typ: 'ramanslag',
              poster: [{ ap: '1', namn: 'Etablering', v: ['0', '20 000', '0', '0', '0', '20 000', '-20 000', '0'] }],
            },
          ],
        },
      ],
      summa: { text: 'Summa utgiftsområde 8 och 13', v: ['6 000', '120 000', '0', '2 000', '-3 000', '125 000', '-120 000', '5 000'] },
      inkomsttitlar: {
        kolumner: ['beraknat_belopp', 'inkomster'],
        titlar: [
          {
            titel: '2511',
            namn: 'Expeditions- och ansökningsavgifter',
            undertitlar: [
              { undertitel: '024', namn: 'Ansökningsavgifter', v: ['30 000', '32 000'] },
              { undertitel: '025', namn: 'Expeditionsavgifter', v: ['8 000', '8 000'] },
            ],
          },
        ],
        summa: { v: ['38 000', '40 000'] },
      },
      bemyndiganden: {
        kolumner: ['bemyndigande', 'ingaende_ataganden', 'nya_ataganden', 'utgifter', 'ovriga_forandringar', 'utgaende_ataganden', '2025', '2026', '2027'],
        rader: [
          { anslagspost: 'uo8.1_1.ap1', v: ['40 000', '25 000', '15 000', '-9 000', '-1 000', '30 000', '18 000', '9 000', '3 000'], slutar: '2027' },
        ],
      },
      finansiella_villkor: {
        kolumner: ['villkor', 'utfall'],
        rader: [
          { id: 'tak_forvar', anslagspost: 'uo8.1_1.ap1', text: 'Högst för förvarsplatser', typ: 'tak', v: ['10 000', '8 000'] },
          { id: 'golv_etablering', anslagspost: 'uo8.1_2.ap1', text: 'Minst för etableringsinsatser', typ: 'golv', v: ['5 000', '6 000'] },
        ],
      },
    },
  };
}

/**
 * Regleringsbrev: two decisions for uo8.1_1.ap1, the later lowering the anslagskredit from
 * 10 000 to 5 000 (used: 4 000) and granting an överskridande of 3 000 (used: 2 000).
 */
function regleringsbrev(): PlainMap {
  return {
    regleringsbrev: {
      enhet: 'tkr',
      anslagsposter: [
        {
          anslagspost: 'uo8.1_1.ap1',
          beslut: [
            { datum: '2023-12-20', referens: 'I:1', tilldelning: '51 000', anslagskredit: '10 000' },
            { datum: '2024-06-20', referens: 'I:5', anslagskredit: '5 000', medgivet_overskridande: '3 000' },
          ],
        },
        { anslagspost: 'uo8.1_2.ap1', beslut: [{ datum: '2023-12-20', referens: 'I:1', tilldelning: '30 000' }] },
      ],
      bemyndiganderamar: [{ anslagspost: 'uo8.1_1.ap1', belopp: '40 000', slutar: '2027' }],
      laneram: [
        { datum: '2023-12-20', referens: 'I:1', belopp: '15 000' },
        { datum: '2024-06-20', referens: 'I:5', belopp: '12 000' },
      ],
      kontokredit: [{ datum: '2023-12-20', referens: 'I:1', belopp: '5 000' }],
    },
  };
}

/**
 * Notes. Not 1 specifies intäkter av anslag; the declared tie: intäkter av anslag + medel för
 * bidrag = the anslag's utgifter. Not 2 (lån i Riksgäldskontoret) has summa:, specificerar:,
 * lika: and periodisering:. A plain table of open cases has only a periodisering.
 */
function noter(): PlainMap {
  return {
    noter: [
      { not: '1', titel: 'Intäkter av anslag' },
      { not: '2', titel: 'Lån i Riksgäldskontoret' },
    ],
    tabeller: [
      {
        id: 'not01',
        titel: 'Not 1 Intäkter av anslag',
        typ: 'not',
        not: '1',
        kolumner: years(),
        rader: [
          row('anslag_uo8', 'Intäkter av anslag inom utgiftsområde 8', ['80 000', '72 000']),
          row('anslag_uo13', 'Intäkter av anslag inom utgiftsområde 13', ['20 000', '18 000']),
          row('summa', 'Summa', ['100 000', '90 000'], { summa: ['anslag_uo8', 'anslag_uo13'], specificerar: 'rr.intakter_av_anslag' }),
          row('medel_for_bidrag', 'Medel från statens budget för finansiering av bidrag', ['20 000', '18 000']),
        ],
      },
      {
        id: 'not02',
        titel: 'Not 2 Lån i Riksgäldskontoret',
        typ: 'not',
        not: '2',
        kolumner: years(),
        rader: [
          row('ingaende', 'Ingående skuld', ['7 000', '5 000']),
          row('nya_lan', 'Under året nyupptagna lån', ['4 000', '3 000']),
          row('amorteringar', 'Årets amorteringar', ['-2 000', '-1 000']),
          row('utgaende', 'Utgående skuld', ['9 000', '7 000'], { summa: ['ingaende', 'nya_lan', 'amorteringar'], specificerar: 'br.lan_i_rgk' }),
          row('beviljad_laneram', 'Beviljad låneram', ['12 000', '10 000'], { lika: 'vu.laneram_beviljad' }),
        ],
        periodisering: [{ ingaende: 'ingaende', utgaende: 'utgaende' }],
      },
      {
        id: 'arenden',
        titel: 'Öppna ärenden',
        typ: 'tabell',
        enhet: 'antal',
        kolumner: years(),
        rader: [
          row('oppna_ib', 'Öppna ärenden vid årets början', ['1 200', '1 000']),
          row('oppna_ub', 'Öppna ärenden vid årets slut', ['1 500', '1 200']),
        ],
        periodisering: [{ ingaende: 'oppna_ib', utgaende: 'oppna_ub' }],
      },
      {
        // Avgiftsbelagd verksamhet (full cost): Totalt = the two areas, declared once; its
        // Totalt column ties to the resultaträkning's 2024 column through the column mapping.
        id: 'avgifter',
        titel: 'Avgiftsbelagd verksamhet',
        typ: 'tabell',
        kolumner: [
          { id: 'tillstand', rubrik: 'Tillstånd' },
          { id: 'register', rubrik: 'Register' },
          { id: 'totalt', rubrik: 'Totalt' },
        ],
        kolumnsummor: [{ kolumn: 'totalt', summa: ['tillstand', 'register'] }],
        kolumnmappning: { totalt: '2024' },
        rader: [
          row('intakter', 'Intäkter', ['3 000', '2 000', '5 000'], { lika: 'rr.intakter_av_avgifter' }),
          row('kostnader', 'Kostnader', ['-2 800', '-1 900', '-4 700']),
          row('resultat', 'Resultat', ['200', '100', '300']),
        ],
      },
    ],
    avstamningar: [
      {
        id: 'anslag_mot_utgifter',
        titel: 'Intäkter av anslag och medel för bidrag = anslagens utgifter',
        vanster: ['not01.summa.2024', 'not01.medel_for_bidrag.2024'],
        hoger: ['-anslag.summa.utgifter'],
      },
    ],
  };
}

/** A fresh deep copy of the consistent base ledger. */
export function baseSpec(): LedgerSpec {
  return {
    'ledger.yaml': manifest(),
    'vasentliga-uppgifter.yaml': vasentligaUppgifter(),
    'resultatrakning.yaml': resultatrakning(),
    'balansrakning.yaml': balansrakning(),
    'finansieringsanalys.yaml': finansieringsanalys(),
    'anslagsredovisning.yaml': anslagsredovisning(),
    'regleringsbrev.yaml': regleringsbrev(),
    'noter.yaml': noter(),
    'kanda-avvikelser.yaml': { kanda_avvikelser: [] },
  };
}

// ---------------------------------------------------------------------------------------
// Navigating the spec

const isMap = (x: Plain | undefined): x is PlainMap => !!x && typeof x === 'object' && !Array.isArray(x);
const asList = (x: Plain | undefined): Plain[] => (Array.isArray(x) ? x : []);
const str = (x: Plain | undefined) => (typeof x === 'string' ? x : undefined);

function documents(spec: LedgerSpec): PlainMap[] {
  return Object.values(spec).filter((d): d is PlainMap => typeof d !== 'string');
}

/** The document holding a top-level key (`anslagsredovisning`, `regleringsbrev`). */
function section(spec: LedgerSpec, key: string): PlainMap {
  for (const d of documents(spec)) if (isMap(d[key])) return d[key] as PlainMap;
  throw new Error(`the ledger has no ${key}`);
}

/** A table of the spec by id. */
export function tableOf(spec: LedgerSpec, id: string): PlainMap {
  for (const d of documents(spec)) {
    for (const t of asList(d.tabeller)) if (isMap(t) && t.id === id) return t;
  }
  throw new Error(`no table ${id}`);
}

/** A row of a table of the spec. */
export function rowOf(spec: LedgerSpec, tableId: string, rowId: string): PlainMap {
  const r = asList(tableOf(spec, tableId).rader).find((x) => isMap(x) && x.id === rowId);
  if (!isMap(r)) throw new Error(`no row ${tableId}.${rowId}`);
  return r;
}

/** The anslagsredovisning, regleringsbrev or another top-level part, to edit in place. */
export const anslagsredovisningOf = (spec: LedgerSpec) => section(spec, 'anslagsredovisning');
export const regleringsbrevOf = (spec: LedgerSpec) => section(spec, 'regleringsbrev');

/** Where a figure is written: a list and an index (a `v` cell) or a map and a key. */
type Slot = { list: Plain[]; index: number } | { map: PlainMap; key: string };

function cellSlot(holder: Plain | undefined, columns: Plain | undefined, column: string, id: string): Slot {
  const index = asList(columns).findIndex((c) => (isMap(c) ? c.id : c) === column);
  if (!isMap(holder) || index < 0 || !Array.isArray(holder.v)) throw new Error(`no figure ${id}`);
  return { list: holder.v, index };
}

function slotOf(spec: LedgerSpec, id: string): Slot {
  const parts = id.split('.');
  const last = parts[parts.length - 1]!;
  const middle = parts.slice(1, -1).join('.');
  switch (parts[0]) {
    case 'anslag': {
      const a = anslagsredovisningOf(spec);
      let holder: Plain | undefined;
      if (middle === 'summa') holder = a.summa;
      else {
        const [uoId, anslagKey, ap] = parts.slice(1, -1);
        const uo = asList(a.utgiftsomraden).find((u) => isMap(u) && `uo${str(u.uo)}` === uoId);
        if (!isMap(uo)) throw new Error(`no figure ${id}`);
        if (anslagKey === 'summa') holder = uo.summa;
        else {
          const an = asList(uo.anslag).find((x) => isMap(x) && str(x.anslag)?.replace(':', '_') === anslagKey);
          if (!isMap(an)) throw new Error(`no figure ${id}`);
          holder = ap === 'summa' ? an.summa : asList(an.poster).find((p) => isMap(p) && `ap${str(p.ap)}` === ap);
        }
      }
      return cellSlot(holder, a.kolumner, last, id);
    }
    case 'inkomsttitel': {
      const it = anslagsredovisningOf(spec).inkomsttitlar;
      if (!isMap(it)) throw new Error(`no figure ${id}`);
      if (middle === 'summa') return cellSlot(it.summa, it.kolumner, last, id);
      const [titel, undertitel] = parts.slice(1, -1);
      const t = asList(it.titlar).find((x) => isMap(x) && x.titel === titel);
      const u = isMap(t) ? asList(t.undertitlar).find((x) => isMap(x) && x.undertitel === undertitel) : undefined;
      return cellSlot(u, it.kolumner, last, id);
    }
    case 'bemyndigande': {
      const b = anslagsredovisningOf(spec).bemyndiganden;
      if (!isMap(b)) throw new Error(`no figure ${id}`);
      return cellSlot(asList(b.rader).find((r) => isMap(r) && r.anslagspost === middle), b.kolumner, last, id);
    }
    case 'villkor': {
      const v = anslagsredovisningOf(spec).finansiella_villkor;
      if (!isMap(v)) throw new Error(`no figure ${id}`);
      return cellSlot(asList(v.rader).find((r) => isMap(r) && r.id === middle), v.kolumner, last, id);
    }
    case 'rb': {
      const rb = regleringsbrevOf(spec);
      if (parts[1] === 'bemyndiganderam') {
        const post = parts.slice(2).join('.');
        const r = asList(rb.bemyndiganderamar).find((x) => isMap(x) && x.anslagspost === post);
        if (!isMap(r)) throw new Error(`no figure ${id}`);
        return { map: r, key: 'belopp' };
      }
      if (parts[1] === 'laneram' || parts[1] === 'kontokredit') {
        const rams = asList(rb[parts[1]]);
        const r = rams.find((x, i) => isMap(x) && (x.datum ?? String(i)) === parts[2]);
        if (!isMap(r)) throw new Error(`no figure ${id}`);
        return { map: r, key: 'belopp' };
      }
      // rb.<uoX.A_B.apN>.<datum>.<field>
      const post = parts.slice(1, 4).join('.');
      const [datum, field] = parts.slice(4);
      const p = asList(rb.anslagsposter).find((x) => isMap(x) && x.anslagspost === post);
      const b = isMap(p) ? asList(p.beslut).find((x) => isMap(x) && x.datum === datum) : undefined;
      if (!isMap(b) || !field) throw new Error(`no figure ${id}`);
      return { map: b, key: field };
    }
    default: {
      if (parts.length !== 3) throw new Error(`no figure ${id}`);
      const t = tableOf(spec, parts[0]!);
      return cellSlot(rowOf(spec, parts[0]!, parts[1]!), t.kolumner, last, id);
    }
  }
}

/** The printed form of a figure of the spec. */
export function getFigure(spec: LedgerSpec, id: string): string {
  const s = slotOf(spec, id);
  const v = 'list' in s ? s.list[s.index] : s.map[s.key];
  if (typeof v !== 'string') throw new Error(`figure ${id} is not written`);
  return v;
}

/** Writes a figure as printed (`null` for an empty cell or to remove a decision's amount). */
export function setFigure(spec: LedgerSpec, id: string, printed: string | null): void {
  const s = slotOf(spec, id);
  if ('list' in s) s.list[s.index] = printed;
  else if (printed === null) delete s.map[s.key];
  else s.map[s.key] = printed;
}

/** Formats an integer the way the report prints it: `-1 234 567`. */
export function printAmount(n: Decimal | number | bigint): string {
  const d = new Decimal(n.toString());
  const digits = d.abs().toFixed();
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`;
}

/** Parses a printed amount of the spec (exactly). */
export function amountOf(printed: string): Decimal {
  const p = parseAmount(printed);
  if (!p.ok || !p.value) throw new Error(`not an amount: ${printed}`);
  return p.value;
}

/** Adds `delta` (in the figure's own unit) to a figure of the spec; returns the new printed form. */
export function shiftFigure(spec: LedgerSpec, id: string, delta: number): string {
  const next = printAmount(amountOf(getFigure(spec, id)).plus(delta));
  setFigure(spec, id, next);
  return next;
}

const acknowledgements = (spec: LedgerSpec): PlainMap => {
  const doc = spec['kanda-avvikelser.yaml'];
  if (!isMap(doc)) throw new Error('kanda-avvikelser.yaml is not a YAML document of the spec');
  return doc;
};

/** Sets the kända avvikelser (kanda_avvikelser:) of the spec. */
export function acknowledge(spec: LedgerSpec, entries: { kontroll: string; figurer?: string[]; orsak: string }[]): void {
  acknowledgements(spec).kanda_avvikelser = entries.map((e) => ({ ...e }));
}

/** Sets the reasons for figures no check reads (olasta_figurer:) of the spec. */
export function explainUnread(spec: LedgerSpec, entries: { figurer: string[]; orsak: string }[]): void {
  acknowledgements(spec).olasta_figurer = entries.map((e) => ({ ...e }));
}

// ---------------------------------------------------------------------------------------
// Writing and loading

const created: string[] = [];

/** Writes the spec into a fresh temporary directory; returns the directory. */
export async function writeLedger(spec: LedgerSpec): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'avstamning-test-'));
  created.push(dir);
  for (const [name, doc] of Object.entries(spec)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, typeof doc === 'string' ? doc : stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }), 'utf8');
  }
  return dir;
}

/** Writes and loads the spec with the real loader. */
export async function loadSpec(spec: LedgerSpec): Promise<{ dir: string; ledger: Ledger }> {
  const dir = await writeLedger(spec);
  try {
    return { dir, ledger: await loadLedger(dir) };
  } catch (e) {
    // Name every input error, so that a test ledger the loader refuses says why.
    if (e instanceof LedgerInputError) throw new Error(`${e.message}:\n${e.errors.map(formatInputError).join('\n')}`);
    throw e;
  }
}

/** The base ledger, changed by `change`, written and loaded. */
export async function ledgerWith(change?: (spec: LedgerSpec) => void): Promise<{ dir: string; ledger: Ledger; spec: LedgerSpec }> {
  const spec = baseSpec();
  change?.(spec);
  return { spec, ...(await loadSpec(spec)) };
}

/** Removes every directory this module created (call in afterAll). */
export async function removeLedgers(): Promise<void> {
  await Promise.all(created.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}
