/**
 * The prescribed statement layouts (uppställningsformer) as data.
 *
 * Version "ESV-2024": FÅB bilagor 1, 2 and 4 as applied under ESVFA 2022:1, plus the
 * rows of the sammanställning över väsentliga uppgifter. A ledger names the layout
 * version it follows; statement rows use these line ids and may add lines of their own.
 *
 * A line with `sum` is printed as the algebraic sum of the listed lines (a leading
 * `-` subtracts). Lines a ledger omits count as zero, as the annual report omits lines
 * without amounts. `equal` lists pairs of lines that must agree (e.g. the two sides
 * of the balance sheet). `negativ` marks a line the prescribed form prints as a negative
 * amount (costs, amounts paid to the state budget): a table declared `tecken:
 * kostnader_utan_minus` prints these without the minus, and is normalised when loaded.
 */
import type { Layout, LayoutVersion, LineRef, RuleLines } from '../model.js';

const rr: Layout = {
  kind: 'resultatrakning',
  title: 'Resultaträkning',
  source: 'FÅB bilaga 1 (ESVFA 2022:1)',
  lines: [
    { id: 'intakter_av_anslag', label: 'Intäkter av anslag' },
    { id: 'intakter_av_avgifter', label: 'Intäkter av avgifter och andra ersättningar' },
    { id: 'intakter_av_bidrag', label: 'Intäkter av bidrag' },
    { id: 'finansiella_intakter', label: 'Finansiella intäkter' },
    {
      id: 'summa_intakter', label: 'Summa verksamhetens intäkter',
      sum: ['intakter_av_anslag', 'intakter_av_avgifter', 'intakter_av_bidrag', 'finansiella_intakter'],
    },
    { id: 'kostnader_for_personal', label: 'Kostnader för personal', negativ: true },
    { id: 'kostnader_for_lokaler', label: 'Kostnader för lokaler', negativ: true },
    { id: 'ovriga_driftkostnader', label: 'Övriga driftkostnader', negativ: true },
    { id: 'finansiella_kostnader', label: 'Finansiella kostnader', negativ: true },
    { id: 'avskrivningar', label: 'Avskrivningar och nedskrivningar', negativ: true },
    {
      id: 'summa_kostnader', label: 'Summa verksamhetens kostnader', negativ: true,
      sum: ['kostnader_for_personal', 'kostnader_for_lokaler', 'ovriga_driftkostnader', 'finansiella_kostnader', 'avskrivningar'],
    },
    { id: 'verksamhetsutfall', label: 'Verksamhetsutfall', sum: ['summa_intakter', 'summa_kostnader'] },
    { id: 'resultat_fran_andelar', label: 'Resultat från andelar i hel- och delägda företag' },
    { id: 'uppbord_intakter', label: 'Intäkter av avgifter m.m. som inte disponeras' },
    { id: 'uppbord_skatteintakter', label: 'Skatteintäkter m.m.' },
    { id: 'uppbord_medel_till_statens_budget', label: 'Medel som tillförts statens budget från uppbördsverksamhet', negativ: true },
    {
      id: 'saldo_uppbord', label: 'Saldo uppbördsverksamhet',
      sum: ['uppbord_intakter', 'uppbord_skatteintakter', 'uppbord_medel_till_statens_budget'],
    },
    { id: 'transf_medel_fran_statens_budget', label: 'Medel som erhållits från statens budget för finansiering av bidrag' },
    { id: 'transf_medel_fran_myndigheter', label: 'Medel som erhållits från myndigheter för finansiering av bidrag' },
    { id: 'transf_ovriga_medel', label: 'Övriga erhållna medel för finansiering av bidrag' },
    { id: 'transf_finansiella_intakter', label: 'Finansiella intäkter (transfereringar)' },
    { id: 'transf_finansiella_kostnader', label: 'Finansiella kostnader (transfereringar)', negativ: true },
    { id: 'transf_fonder', label: 'Avsättning till/upplösning av fonder m.m. för transfereringsändamål' },
    { id: 'transf_lamnade_bidrag', label: 'Lämnade bidrag', negativ: true },
    {
      id: 'saldo_transfereringar', label: 'Saldo transfereringar',
      sum: [
        'transf_medel_fran_statens_budget', 'transf_medel_fran_myndigheter', 'transf_ovriga_medel',
        'transf_finansiella_intakter', 'transf_finansiella_kostnader', 'transf_fonder', 'transf_lamnade_bidrag',
      ],
    },
    {
      id: 'arets_kapitalforandring', label: 'Årets kapitalförändring',
      sum: ['verksamhetsutfall', 'resultat_fran_andelar', 'saldo_uppbord', 'saldo_transfereringar'],
    },
  ],
};

const br: Layout = {
  kind: 'balansrakning',
  title: 'Balansräkning',
  source: 'FÅB bilaga 2 (ESVFA 2022:1)',
  lines: [
    { id: 'immat_balanserade_utgifter', label: 'Balanserade utgifter för utveckling' },
    { id: 'immat_rattigheter', label: 'Rättigheter och andra immateriella anläggningstillgångar' },
    { id: 'immat_forskott', label: 'Förskott avseende immateriella anläggningstillgångar' },
    {
      id: 'summa_immateriella', label: 'Summa immateriella anläggningstillgångar',
      sum: ['immat_balanserade_utgifter', 'immat_rattigheter', 'immat_forskott'],
    },
    { id: 'mat_byggnader', label: 'Byggnader, mark och annan fast egendom' },
    { id: 'mat_forbattringsutgifter', label: 'Förbättringsutgifter på annans fastighet' },
    { id: 'mat_maskiner', label: 'Maskiner, inventarier, installationer m.m.' },
    { id: 'mat_pagaende', label: 'Pågående nyanläggningar' },
    { id: 'mat_beredskap', label: 'Beredskapstillgångar' },
    { id: 'mat_forskott', label: 'Förskott avseende materiella anläggningstillgångar' },
    {
      id: 'summa_materiella', label: 'Summa materiella anläggningstillgångar',
      sum: ['mat_byggnader', 'mat_forbattringsutgifter', 'mat_maskiner', 'mat_pagaende', 'mat_beredskap', 'mat_forskott'],
    },
    { id: 'fin_andelar', label: 'Andelar i hel- och delägda företag' },
    { id: 'fin_vardepapper', label: 'Andra långfristiga värdepappersinnehav' },
    { id: 'fin_fordringar_myndigheter', label: 'Långfristiga fordringar hos andra myndigheter' },
    { id: 'fin_andra_fordringar', label: 'Andra långfristiga fordringar' },
    {
      id: 'summa_finansiella', label: 'Summa finansiella anläggningstillgångar',
      sum: ['fin_andelar', 'fin_vardepapper', 'fin_fordringar_myndigheter', 'fin_andra_fordringar'],
    },
    { id: 'utlaning', label: 'Utlåning' },
    { id: 'summa_utlaning', label: 'Summa utlåning', sum: ['utlaning'] },
    { id: 'varulager', label: 'Varulager och förråd' },
    { id: 'pagaende_arbeten', label: 'Pågående arbeten' },
    { id: 'lager_fastigheter', label: 'Fastigheter' },
    { id: 'forskott_leverantorer', label: 'Förskott till leverantörer' },
    {
      id: 'summa_varulager', label: 'Summa varulager',
      sum: ['varulager', 'pagaende_arbeten', 'lager_fastigheter', 'forskott_leverantorer'],
    },
    { id: 'kundfordringar', label: 'Kundfordringar' },
    { id: 'fordringar_myndigheter', label: 'Fordringar hos andra myndigheter' },
    { id: 'ovriga_kortfristiga_fordringar', label: 'Övriga kortfristiga fordringar' },
    {
      id: 'summa_fordringar', label: 'Summa kortfristiga fordringar',
      sum: ['kundfordringar', 'fordringar_myndigheter', 'ovriga_kortfristiga_fordringar'],
    },
    { id: 'forutbetalda_kostnader', label: 'Förutbetalda kostnader' },
    { id: 'upplupna_bidragsintakter', label: 'Upplupna bidragsintäkter' },
    { id: 'ovriga_upplupna_intakter', label: 'Övriga upplupna intäkter' },
    {
      id: 'summa_periodavgransning_tillgangar', label: 'Summa periodavgränsningsposter (tillgångar)',
      sum: ['forutbetalda_kostnader', 'upplupna_bidragsintakter', 'ovriga_upplupna_intakter'],
    },
    { id: 'avrakning_med_statsverket', label: 'Avräkning med statsverket' },
    { id: 'summa_avrakning_med_statsverket', label: 'Summa avräkning med statsverket', sum: ['avrakning_med_statsverket'] },
    { id: 'kortfristiga_placeringar', label: 'Värdepapper och andelar' },
    { id: 'summa_kortfristiga_placeringar', label: 'Summa kortfristiga placeringar', sum: ['kortfristiga_placeringar'] },
    { id: 'rantekonto', label: 'Behållning räntekonto i Riksgäldskontoret' },
    { id: 'ovriga_tillgodohavanden_rgk', label: 'Övriga tillgodohavanden i Riksgäldskontoret' },
    { id: 'kassa_och_bank', label: 'Kassa och bank' },
    {
      id: 'summa_kassa_och_bank', label: 'Summa kassa och bank',
      sum: ['rantekonto', 'ovriga_tillgodohavanden_rgk', 'kassa_och_bank'],
    },
    {
      id: 'summa_tillgangar', label: 'SUMMA TILLGÅNGAR',
      sum: [
        'summa_immateriella', 'summa_materiella', 'summa_finansiella', 'summa_utlaning', 'summa_varulager',
        'summa_fordringar', 'summa_periodavgransning_tillgangar', 'summa_avrakning_med_statsverket',
        'summa_kortfristiga_placeringar', 'summa_kassa_och_bank',
      ],
    },
    { id: 'statskapital', label: 'Statskapital' },
    { id: 'uppskrivningskapital', label: 'Uppskrivningskapital' },
    { id: 'donationskapital', label: 'Donationskapital' },
    { id: 'balanserad_kapitalforandring', label: 'Balanserad kapitalförändring' },
    { id: 'kapitalforandring_enligt_rr', label: 'Kapitalförändring enligt resultaträkningen' },
    {
      id: 'summa_myndighetskapital', label: 'Summa myndighetskapital',
      sum: ['statskapital', 'uppskrivningskapital', 'donationskapital', 'balanserad_kapitalforandring', 'kapitalforandring_enligt_rr'],
    },
    { id: 'fonder', label: 'Fonder' },
    { id: 'summa_fonder', label: 'Summa fonder', sum: ['fonder'] },
    { id: 'avsattningar_pensioner', label: 'Avsättningar för pensioner och liknande förpliktelser' },
    { id: 'avsattningar_garantier', label: 'Avsättningar för garantier' },
    { id: 'avsattningar_miljo', label: 'Avsättningar för avhjälpande av miljöskador' },
    { id: 'ovriga_avsattningar', label: 'Övriga avsättningar' },
    {
      id: 'summa_avsattningar', label: 'Summa avsättningar',
      sum: ['avsattningar_pensioner', 'avsattningar_garantier', 'avsattningar_miljo', 'ovriga_avsattningar'],
    },
    { id: 'lan_i_rgk', label: 'Lån i Riksgäldskontoret' },
    { id: 'ovriga_lan', label: 'Övriga lån' },
    { id: 'langfristiga_skulder_myndigheter', label: 'Långfristiga skulder till andra myndigheter' },
    { id: 'andra_langfristiga_skulder', label: 'Andra långfristiga skulder' },
    { id: 'kortfristiga_skulder_myndigheter', label: 'Kortfristiga skulder till andra myndigheter' },
    { id: 'leverantorsskulder', label: 'Leverantörsskulder' },
    { id: 'ovriga_kortfristiga_skulder', label: 'Övriga kortfristiga skulder' },
    { id: 'depositioner', label: 'Depositioner' },
    { id: 'forskott_fran_uppdragsgivare', label: 'Förskott från uppdragsgivare och kunder' },
    {
      id: 'summa_skulder', label: 'Summa skulder m.m.',
      sum: [
        'lan_i_rgk', 'ovriga_lan', 'langfristiga_skulder_myndigheter', 'andra_langfristiga_skulder',
        'kortfristiga_skulder_myndigheter', 'leverantorsskulder', 'ovriga_kortfristiga_skulder', 'depositioner',
        'forskott_fran_uppdragsgivare',
      ],
    },
    { id: 'upplupna_kostnader', label: 'Upplupna kostnader' },
    { id: 'oforbrukade_bidrag', label: 'Oförbrukade bidrag' },
    { id: 'ovriga_forutbetalda_intakter', label: 'Övriga förutbetalda intäkter' },
    {
      id: 'summa_periodavgransning_skulder', label: 'Summa periodavgränsningsposter (skulder)',
      sum: ['upplupna_kostnader', 'oforbrukade_bidrag', 'ovriga_forutbetalda_intakter'],
    },
    {
      id: 'summa_kapital_och_skulder', label: 'SUMMA KAPITAL OCH SKULDER',
      sum: ['summa_myndighetskapital', 'summa_fonder', 'summa_avsattningar', 'summa_skulder', 'summa_periodavgransning_skulder'],
    },
    { id: 'ansvarsforbindelser_garantier', label: 'Statliga garantier för lån och krediter' },
    { id: 'ovriga_ansvarsforbindelser', label: 'Övriga ansvarsförbindelser' },
  ],
  equal: [{ left: 'summa_tillgangar', right: 'summa_kapital_och_skulder' }],
};

const fa: Layout = {
  kind: 'finansieringsanalys',
  title: 'Finansieringsanalys',
  source: 'FÅB bilaga 4 (ESVFA 2022:1)',
  lines: [
    { id: 'drift_kostnader', label: 'Kostnader', negativ: true },
    { id: 'drift_intakter_av_anslag', label: 'Intäkter av anslag' },
    { id: 'drift_intakter_av_avgifter', label: 'Intäkter av avgifter och andra ersättningar' },
    { id: 'drift_intakter_av_bidrag', label: 'Intäkter av bidrag' },
    { id: 'drift_ovriga_intakter', label: 'Övriga intäkter' },
    {
      id: 'drift_summa_finansiering', label: 'Summa medel som tillförts för finansiering av drift',
      sum: ['drift_intakter_av_anslag', 'drift_intakter_av_avgifter', 'drift_intakter_av_bidrag', 'drift_ovriga_intakter'],
    },
    { id: 'drift_forandring_lager', label: 'Ökning (-)/minskning (+) av lager' },
    { id: 'drift_forandring_fordringar', label: 'Ökning (-)/minskning (+) av kortfristiga fordringar' },
    { id: 'drift_forandring_skulder', label: 'Ökning (+)/minskning (-) av kortfristiga skulder' },
    {
      id: 'kassaflode_drift', label: 'Kassaflöde från/till drift',
      sum: ['drift_kostnader', 'drift_summa_finansiering', 'drift_forandring_lager', 'drift_forandring_fordringar', 'drift_forandring_skulder'],
    },
    { id: 'inv_finansiella', label: 'Investeringar i finansiella tillgångar', negativ: true },
    { id: 'inv_materiella', label: 'Investeringar i materiella tillgångar', negativ: true },
    { id: 'inv_immateriella', label: 'Investeringar i immateriella tillgångar', negativ: true },
    { id: 'inv_summa_utgifter', label: 'Summa investeringsutgifter', negativ: true, sum: ['inv_finansiella', 'inv_materiella', 'inv_immateriella'] },
    { id: 'inv_lan_rgk', label: 'Lån från Riksgäldskontoret' },
    { id: 'inv_amorteringar_rgk', label: '– amorteringar', negativ: true },
    { id: 'inv_andra_lan', label: 'Andra långfristiga lån' },
    { id: 'inv_amorteringar_andra', label: '– amorteringar (andra lån)', negativ: true },
    { id: 'inv_statskapital', label: 'Ökning/minskning av statskapital med medel som erhållits från/tillförts statens budget' },
    { id: 'inv_forsaljning', label: 'Försäljning av anläggningstillgångar' },
    { id: 'inv_forsaljning_till_statens_budget', label: '– därav medel som tillförts statens budget', negativ: true },
    { id: 'inv_bidragsmedel', label: 'Bidragsmedel som erhållits för investeringar' },
    {
      id: 'inv_summa_finansiering', label: 'Summa medel som tillförts för finansiering av investeringar',
      sum: [
        'inv_lan_rgk', 'inv_amorteringar_rgk', 'inv_andra_lan', 'inv_amorteringar_andra', 'inv_statskapital',
        'inv_forsaljning', 'inv_forsaljning_till_statens_budget', 'inv_bidragsmedel',
      ],
    },
    { id: 'inv_forandring_fordringar_skulder', label: 'Förändring av kortfristiga fordringar och skulder' },
    {
      id: 'kassaflode_investeringar', label: 'Kassaflöde från/till investeringar',
      sum: ['inv_summa_utgifter', 'inv_summa_finansiering', 'inv_forandring_fordringar_skulder'],
    },
    { id: 'lan_nyutlaning', label: 'Nyutlåning', negativ: true },
    { id: 'lan_amorteringar', label: 'Amorteringar (utlåning)', negativ: true },
    { id: 'lan_rantekostnader', label: 'Räntekostnader (utlåning)', negativ: true },
    { id: 'lan_summa_utgifter', label: 'Summa låneutgifter', negativ: true, sum: ['lan_nyutlaning', 'lan_amorteringar', 'lan_rantekostnader'] },
    { id: 'lan_finansiering', label: 'Summa medel som tillförts för finansiering av låneverksamhet' },
    { id: 'lan_forandring_fordringar_skulder', label: 'Förändring av kortfristiga fordringar och skulder (låneverksamhet)' },
    {
      id: 'kassaflode_lan', label: 'Kassaflöde från/till låneverksamhet',
      sum: ['lan_summa_utgifter', 'lan_finansiering', 'lan_forandring_fordringar_skulder'],
    },
    { id: 'uppb_intakter', label: 'Intäkter av avgifter m.m. samt andra intäkter som inte disponeras av myndigheten' },
    { id: 'uppb_forandring_fordringar_skulder', label: 'Förändring av kortfristiga fordringar och skulder (uppbörd)' },
    { id: 'uppb_inbetalningar', label: 'Inbetalningar i uppbördsverksamhet', sum: ['uppb_intakter', 'uppb_forandring_fordringar_skulder'] },
    { id: 'uppb_medel_till_statens_budget', label: 'Medel som tillförts statens budget från uppbördsverksamhet', negativ: true },
    {
      id: 'kassaflode_uppbord', label: 'Kassaflöde från/till uppbördsverksamhet',
      sum: ['uppb_inbetalningar', 'uppb_medel_till_statens_budget'],
    },
    { id: 'transf_lamnade_bidrag', label: 'Lämnade bidrag', negativ: true },
    { id: 'transf_finansiella_kostnader', label: 'Finansiella kostnader (transfereringar)', negativ: true },
    { id: 'transf_forandring_fordringar_skulder', label: 'Förändring av kortfristiga fordringar och skulder (transfereringar)' },
    {
      id: 'transf_utbetalningar', label: 'Utbetalningar i transfereringsverksamhet', negativ: true,
      sum: ['transf_lamnade_bidrag', 'transf_finansiella_kostnader', 'transf_forandring_fordringar_skulder'],
    },
    { id: 'transf_medel_fran_statens_budget', label: 'Medel som erhållits från statens budget för finansiering av bidrag' },
    { id: 'transf_medel_fran_myndigheter', label: 'Medel som erhållits från myndigheter för finansiering av bidrag' },
    { id: 'transf_ovriga_medel', label: 'Övriga erhållna medel för finansiering av bidrag' },
    { id: 'transf_finansiella_intakter', label: 'Finansiella intäkter (transfereringar)' },
    {
      id: 'transf_summa_finansiering', label: 'Summa medel som tillförts för finansiering av transfereringsverksamhet',
      sum: ['transf_medel_fran_statens_budget', 'transf_medel_fran_myndigheter', 'transf_ovriga_medel', 'transf_finansiella_intakter'],
    },
    {
      id: 'kassaflode_transfereringar', label: 'Kassaflöde från/till transfereringsverksamhet',
      sum: ['transf_utbetalningar', 'transf_summa_finansiering'],
    },
    {
      id: 'forandring_likvida_medel', label: 'Förändring av likvida medel',
      sum: ['kassaflode_drift', 'kassaflode_investeringar', 'kassaflode_lan', 'kassaflode_uppbord', 'kassaflode_transfereringar'],
    },
    { id: 'likvida_medel_ib', label: 'Likvida medel vid årets början' },
    { id: 'forandring_kassa_och_bank', label: 'Ökning (+)/minskning (–) av kassa och bank' },
    { id: 'forandring_rgk', label: 'Ökning (+)/minskning (–) av tillgodohavande Riksgäldskontoret' },
    { id: 'forandring_kortfristiga_placeringar', label: 'Ökning (+)/minskning (–) av kortfristiga placeringar' },
    { id: 'forandring_avrakning', label: 'Ökning (+)/minskning (–) av avräkning med statsverket' },
    {
      id: 'summa_forandring_likvida_medel', label: 'Summa förändring av likvida medel',
      sum: ['forandring_kassa_och_bank', 'forandring_rgk', 'forandring_kortfristiga_placeringar', 'forandring_avrakning'],
    },
    { id: 'likvida_medel_ub', label: 'Likvida medel vid årets slut', sum: ['likvida_medel_ib', 'summa_forandring_likvida_medel'] },
  ],
  equal: [{ left: 'forandring_likvida_medel', right: 'summa_forandring_likvida_medel' }],
  opening: [{ opening: 'likvida_medel_ib', closing: 'likvida_medel_ub' }],
};

const vu: Layout = {
  kind: 'vasentliga_uppgifter',
  title: 'Sammanställning över väsentliga uppgifter',
  source: 'FÅB 2 kap. 4 § (ESVFA 2022:1)',
  lines: [
    { id: 'laneram_beviljad', label: 'Låneram: beviljad i regleringsbrevet' },
    { id: 'laneram_utnyttjad', label: 'Låneram: utnyttjad vid räkenskapsårets slut' },
    { id: 'kontokredit_beviljad', label: 'Kontokredit hos Riksgäldskontoret: beviljad i regleringsbrevet' },
    { id: 'kontokredit_maximalt_utnyttjad', label: 'Kontokredit hos Riksgäldskontoret: maximalt utnyttjad' },
    { id: 'rantekonto_ranteintakter', label: 'Räntekonto: ränteintäkter' },
    { id: 'rantekonto_rantekostnader', label: 'Räntekonto: räntekostnader' },
    { id: 'avgiftsintakter_disponeras', label: 'Avgiftsintäkter som disponeras av myndigheten' },
    { id: 'avgiftsintakter_disponeras_beraknat', label: 'Beräknat belopp enligt regleringsbrev (disponeras)' },
    { id: 'avgiftsintakter_ej_disponeras', label: 'Avgiftsintäkter som inte disponeras av myndigheten' },
    { id: 'avgiftsintakter_ej_disponeras_beraknat', label: 'Beräknat belopp enligt regleringsbrev (disponeras inte)' },
    { id: 'anslagskredit_beviljad', label: 'Anslagskredit: beviljad i regleringsbrevet' },
    { id: 'anslagskredit_utnyttjad', label: 'Anslagskredit: utnyttjad kredit' },
    { id: 'anslagssparande', label: 'Anslagssparande (samtliga ramanslag)' },
    { id: 'bemyndiganden_ataganden', label: 'Bemyndiganden: åtaganden' },
    { id: 'bemyndiganden_tilldelade', label: 'Bemyndiganden: tilldelade' },
    { id: 'arsarbetskrafter', label: 'Medeltal årsarbetskrafter', unit: 'antal' },
    { id: 'medelantal_anstallda', label: 'Medelantal anställda', unit: 'antal' },
    { id: 'driftkostnad_per_arsarbetskraft', label: 'Driftkostnad per årsarbetskraft' },
    { id: 'arets_kapitalforandring', label: 'Årets kapitalförändring' },
    { id: 'balanserad_kapitalforandring', label: 'Balanserad kapitalförändring' },
  ],
};

const RR = (line: string): LineRef => ['resultatrakning', line];
const BR = (line: string): LineRef => ['balansrakning', line];
const FA = (line: string): LineRef => ['finansieringsanalys', line];
const VU = (line: string): LineRef => ['vasentliga_uppgifter', line];

/** The lines the cross-statement rules read (DOMAIN.md §7 B and C). */
const regler: RuleLines = {
  ties: [
    { rule: 'B-1', left: BR('kapitalforandring_enligt_rr'), right: RR('arets_kapitalforandring') },
    { rule: 'B-2', left: VU('arets_kapitalforandring'), right: RR('arets_kapitalforandring') },
    { rule: 'B-2', left: VU('balanserad_kapitalforandring'), right: BR('balanserad_kapitalforandring') },
    ...(
      [
        ['drift_intakter_av_anslag', 'intakter_av_anslag'],
        ['drift_intakter_av_bidrag', 'intakter_av_bidrag'],
        ['drift_ovriga_intakter', 'finansiella_intakter'],
        ['uppb_intakter', 'uppbord_intakter'],
        ['uppb_medel_till_statens_budget', 'uppbord_medel_till_statens_budget'],
        ['transf_lamnade_bidrag', 'transf_lamnade_bidrag'],
        ['transf_finansiella_kostnader', 'transf_finansiella_kostnader'],
        ['transf_medel_fran_statens_budget', 'transf_medel_fran_statens_budget'],
        ['transf_medel_fran_myndigheter', 'transf_medel_fran_myndigheter'],
        ['transf_ovriga_medel', 'transf_ovriga_medel'],
        ['transf_finansiella_intakter', 'transf_finansiella_intakter'],
      ] as const
    ).map(([fa, rr]) => ({ rule: 'B-9', left: FA(fa), right: RR(rr) })),
    { rule: 'B-12', left: VU('laneram_utnyttjad'), right: BR('lan_i_rgk') },
    { rule: 'B-13', left: VU('rantekonto_ranteintakter'), right: RR('finansiella_intakter'), relation: 'le' },
    { rule: 'B-13', left: VU('rantekonto_rantekostnader'), right: RR('finansiella_kostnader'), sign: -1, relation: 'le' },
    { rule: 'B-14', left: VU('avgiftsintakter_disponeras'), right: RR('intakter_av_avgifter') },
    { rule: 'B-14', left: VU('avgiftsintakter_ej_disponeras'), right: RR('uppbord_intakter') },
    { rule: 'B-25', left: VU('arsarbetskrafter'), right: VU('medelantal_anstallda'), relation: 'le' },
  ],
  ansvarsforbindelser: [BR('ansvarsforbindelser_garantier'), BR('ovriga_ansvarsforbindelser')],
  likvidaMedel: {
    ub: FA('likvida_medel_ub'),
    delar: ['rantekonto', 'ovriga_tillgodohavanden_rgk', 'kassa_och_bank', 'avrakning_med_statsverket', 'kortfristiga_placeringar'].map(BR),
    forandringar: [
      { rad: FA('forandring_kassa_och_bank'), delar: [BR('kassa_och_bank')] },
      { rad: FA('forandring_rgk'), delar: [BR('rantekonto'), BR('ovriga_tillgodohavanden_rgk')] },
      { rad: FA('forandring_kortfristiga_placeringar'), delar: [BR('kortfristiga_placeringar')] },
      { rad: FA('forandring_avrakning'), delar: [BR('avrakning_med_statsverket')] },
    ],
  },
  summaAnslagssparande: VU('anslagssparande'),
  anslagskreditUtnyttjad: VU('anslagskredit_utnyttjad'),
  bemyndigandenAtaganden: VU('bemyndiganden_ataganden'),
  bemyndigandenTilldelade: VU('bemyndiganden_tilldelade'),
  driftkostnadPerArsarbetskraft: VU('driftkostnad_per_arsarbetskraft'),
  antalArsarbetskrafter: VU('arsarbetskrafter'),
  driftkostnader: [RR('kostnader_for_personal'), RR('kostnader_for_lokaler'), RR('ovriga_driftkostnader')],
  laneramBeviljad: VU('laneram_beviljad'),
  kontokreditBeviljad: VU('kontokredit_beviljad'),
  lanIRgk: BR('lan_i_rgk'),
  granser: [
    { utnyttjat: VU('laneram_utnyttjad'), beviljat: VU('laneram_beviljad') },
    { utnyttjat: VU('kontokredit_maximalt_utnyttjad'), beviljat: VU('kontokredit_beviljad') },
    { utnyttjat: VU('anslagskredit_utnyttjad'), beviljat: VU('anslagskredit_beviljad') },
  ],
};

export const ESV_2024: LayoutVersion = {
  id: 'ESV-2024',
  title: 'FÅB bilagor 1, 2 och 4 och väsentliga uppgifter enligt ESVFA 2022:1',
  layouts: [rr, br, fa, vu],
  regler,
};
