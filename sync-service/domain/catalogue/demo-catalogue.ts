import type { Cents } from '../types.ts';

/** Specialist branches of the demo catalogue; a prescription holds services of one branch. */
export type Branch =
  | 'general'
  | 'cardiology'
  | 'diabetology'
  | 'endocrinology'
  | 'ophthalmology'
  | 'gynaecology'
  | 'dermatology'
  | 'orthopaedics'
  | 'neurology'
  | 'otolaryngology'
  | 'gastroenterology'
  | 'pneumology'
  | 'laboratory'
  | 'radiology'
  | 'physiotherapy';

/** A specialist visit, or an instrumental / laboratory test: priority deadlines differ (DOMAIN.md). */
export type ServiceKind = 'visit' | 'test';

/** One outpatient service of the catalogue the centre distributes. */
export interface CatalogueService {
  /** Code in the style of the national outpatient nomenclatore, unique in the catalogue. */
  code: string;
  /** Italian description, as printed on the slip and the receipt. */
  description: string;
  branch: Branch;
  kind: ServiceKind;
  /** Regional tariff in cents (what the SSN pays the provider, before the ticket rules). */
  tariffCents: Cents;
}

// Demo values: plausible regional tariffs, not a region's official list. Which disease exemption
// covers which service is rule-set data (rules/demo/*.json), because regions change it.
export const DEMO_CATALOGUE: readonly CatalogueService[] = [
  // Visits
  { code: '89.7', description: 'Visita generale', branch: 'general', kind: 'visit', tariffCents: 2066 },
  { code: '89.7A.3', description: 'Prima visita cardiologica', branch: 'cardiology', kind: 'visit', tariffCents: 2066 },
  { code: '89.01.3', description: 'Visita cardiologica di controllo', branch: 'cardiology', kind: 'visit', tariffCents: 1291 },
  { code: '89.7A.8', description: 'Prima visita diabetologica', branch: 'diabetology', kind: 'visit', tariffCents: 2066 },
  { code: '89.01.8', description: 'Visita diabetologica di controllo', branch: 'diabetology', kind: 'visit', tariffCents: 1291 },
  { code: '89.7A.6', description: 'Prima visita endocrinologica', branch: 'endocrinology', kind: 'visit', tariffCents: 2066 },
  { code: '95.02', description: 'Prima visita oculistica', branch: 'ophthalmology', kind: 'visit', tariffCents: 2066 },
  { code: '89.26.1', description: 'Prima visita ginecologica', branch: 'gynaecology', kind: 'visit', tariffCents: 2066 },
  { code: '89.7A.7', description: 'Prima visita dermatologica', branch: 'dermatology', kind: 'visit', tariffCents: 2066 },
  { code: '89.7B.6', description: 'Prima visita ortopedica', branch: 'orthopaedics', kind: 'visit', tariffCents: 2066 },
  { code: '89.13', description: 'Prima visita neurologica', branch: 'neurology', kind: 'visit', tariffCents: 2066 },
  { code: '89.7B.8', description: 'Prima visita otorinolaringoiatrica', branch: 'otolaryngology', kind: 'visit', tariffCents: 2066 },
  { code: '89.7A.9', description: 'Prima visita gastroenterologica', branch: 'gastroenterology', kind: 'visit', tariffCents: 2066 },
  { code: '89.7B.9', description: 'Prima visita pneumologica', branch: 'pneumology', kind: 'visit', tariffCents: 2066 },
  { code: '89.7B.2', description: 'Prima visita fisiatrica', branch: 'physiotherapy', kind: 'visit', tariffCents: 2066 },
  // Cardiology tests
  { code: '89.52', description: 'Elettrocardiogramma', branch: 'cardiology', kind: 'test', tariffCents: 1162 },
  { code: '89.50', description: 'Elettrocardiogramma dinamico (Holter)', branch: 'cardiology', kind: 'test', tariffCents: 5550 },
  { code: '89.41', description: 'Test cardiovascolare da sforzo con cicloergometro', branch: 'cardiology', kind: 'test', tariffCents: 5165 },
  { code: '88.72.3', description: 'Ecocolordopplergrafia cardiaca', branch: 'cardiology', kind: 'test', tariffCents: 6515 },
  // Ophthalmology tests
  { code: '95.09.1', description: 'Esame del fundus oculi', branch: 'ophthalmology', kind: 'test', tariffCents: 775 },
  { code: '89.11', description: 'Tonometria', branch: 'ophthalmology', kind: 'test', tariffCents: 465 },
  // Laboratory
  { code: '91.49.2', description: 'Prelievo di sangue venoso', branch: 'laboratory', kind: 'test', tariffCents: 260 },
  { code: '90.28.1', description: 'Emoglobina glicata (HbA1c)', branch: 'laboratory', kind: 'test', tariffCents: 965 },
  { code: '90.27.1', description: 'Glucosio', branch: 'laboratory', kind: 'test', tariffCents: 117 },
  { code: '90.16.3', description: 'Creatinina', branch: 'laboratory', kind: 'test', tariffCents: 113 },
  { code: '90.14.3', description: 'Colesterolo totale', branch: 'laboratory', kind: 'test', tariffCents: 113 },
  { code: '90.14.1', description: 'Colesterolo HDL', branch: 'laboratory', kind: 'test', tariffCents: 140 },
  { code: '90.43.2', description: 'Trigliceridi', branch: 'laboratory', kind: 'test', tariffCents: 113 },
  { code: '90.37.4', description: 'Potassio', branch: 'laboratory', kind: 'test', tariffCents: 113 },
  { code: '90.40.4', description: 'Sodio', branch: 'laboratory', kind: 'test', tariffCents: 113 },
  { code: '90.62.2', description: 'Emocromo completo', branch: 'laboratory', kind: 'test', tariffCents: 319 },
  { code: '90.42.1', description: 'Tireotropina (TSH)', branch: 'laboratory', kind: 'test', tariffCents: 1170 },
  { code: '90.44.3', description: 'Urine: esame chimico fisico e microscopico', branch: 'laboratory', kind: 'test', tariffCents: 215 },
  // Imaging
  { code: '88.76.1', description: 'Ecografia addome completo', branch: 'radiology', kind: 'test', tariffCents: 7590 },
  { code: '88.74.1', description: 'Ecografia addome superiore', branch: 'radiology', kind: 'test', tariffCents: 5165 },
  { code: '88.71.4', description: 'Ecografia della tiroide', branch: 'radiology', kind: 'test', tariffCents: 3415 },
  { code: '88.73.1', description: 'Ecografia della mammella bilaterale', branch: 'radiology', kind: 'test', tariffCents: 4390 },
  { code: '87.37.1', description: 'Mammografia bilaterale', branch: 'radiology', kind: 'test', tariffCents: 4905 },
  { code: '87.44.1', description: 'Radiografia del torace', branch: 'radiology', kind: 'test', tariffCents: 1549 },
  // Other specialist tests
  { code: '45.13', description: 'Esofagogastroduodenoscopia', branch: 'gastroenterology', kind: 'test', tariffCents: 4410 },
  { code: '45.23', description: 'Colonscopia con endoscopio flessibile', branch: 'gastroenterology', kind: 'test', tariffCents: 8675 },
  { code: '89.37.2', description: 'Spirometria globale', branch: 'pneumology', kind: 'test', tariffCents: 3700 },
  { code: '95.41.1', description: 'Esame audiometrico tonale', branch: 'otolaryngology', kind: 'test', tariffCents: 1420 },
  // Physiotherapy: one session each; a cycle may hold up to 12
  { code: '93.11.4', description: 'Rieducazione motoria individuale (seduta)', branch: 'physiotherapy', kind: 'test', tariffCents: 1050 },
  { code: '93.22', description: 'Training deambulatorio (seduta)', branch: 'physiotherapy', kind: 'test', tariffCents: 890 },
  { code: '93.39.2', description: 'Elettroterapia antalgica (seduta)', branch: 'physiotherapy', kind: 'test', tariffCents: 340 },
];

/** A lookup by code over a catalogue. */
export function catalogueIndex(catalogue: readonly CatalogueService[]): ReadonlyMap<string, CatalogueService> {
  return new Map(catalogue.map((s) => [s.code, s]));
}
