/**
 * Fixed data behind the demo seed (db/seed-demo.ts): job titles with their scope decisions and head
 * counts, names, places, providers and the demo users. Embedded as constants (not read from
 * db/catalogue/*.csv at run time) because the Remix server bundle does not ship those files.
 */
import type { CategoryValue, UserRole } from "./schema";

export const DEMO_PASSWORD = "demo-password";

export interface DemoOrganisation {
  slug: "riverside" | "oakfield";
  name: string;
  homesOwned: number;
  emailDomain: string;
  refPrefix: string;
  refDigits: number;
  /** Where people work, with weights. */
  locations: ReadonlyArray<readonly [string, number]>;
  /** Who records scope decisions and verifies evidence for this organisation. */
  decidedBy: string;
}

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    slug: "riverside",
    name: "Riverside Homes (demo)",
    homesOwned: 12000,
    emailDomain: "riverside.example",
    refPrefix: "R",
    refDigits: 5,
    locations: [["Leeds", 36], ["Bradford", 24], ["Wakefield", 18], ["Huddersfield", 8], ["Remote", 14]],
    decidedBy: "hr@demo.example",
  },
  {
    slug: "oakfield",
    name: "Oakfield Housing Co-operative (demo)",
    homesOwned: 800,
    emailDomain: "oakfield.example",
    refPrefix: "OAK",
    refDigits: 4,
    locations: [["Wakefield", 55], ["Pontefract", 25], ["Remote", 20]],
    decidedBy: "consultant@demo.example",
  },
];

export interface DemoUser {
  email: string;
  name: string;
  role: UserRole;
  memberships: ReadonlyArray<DemoOrganisation["slug"]>;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: "admin@demo.example", name: "Ava Mensah", role: "admin", memberships: [] },
  { email: "hr@demo.example", name: "Hannah Reid", role: "hr", memberships: ["riverside"] },
  { email: "exec@demo.example", name: "Edward Clarke", role: "executive", memberships: ["riverside"] },
  { email: "consultant@demo.example", name: "Chloe Sutton", role: "consultant", memberships: ["riverside", "oakfield"] },
];

/**
 * Departments and, for line management, the department whose leaders the top of this one reports to.
 */
export const DEPARTMENT_PARENT: Readonly<Record<string, string | null>> = {
  "Executive Office": null,
  Neighbourhoods: "Executive Office",
  Income: "Neighbourhoods",
  Lettings: "Neighbourhoods",
  "Supported Housing": "Neighbourhoods",
  "Property Services": "Executive Office",
  "Asset Management": "Property Services",
  "Customer Services": "Executive Office",
  Finance: "Executive Office",
  IT: "Finance",
  People: "Executive Office",
};

export const CONTRACTORS = ["Upkeep Repairs Ltd", "Northern Property Services"] as const;
export const CONTRACTOR_EMAIL_DOMAIN: Readonly<Record<(typeof CONTRACTORS)[number], string>> = {
  "Upkeep Repairs Ltd": "upkeep-repairs.example",
  "Northern Property Services": "northernproperty.example",
};

export const PROVIDERS = {
  cih: "CIH Housing Academy",
  upkeep: "Upkeep Training",
  college: "Leeds College",
  consortium: "Northern Housing Consortium",
} as const;

export interface DemoRole {
  /** As the HR system displays it. */
  title: string;
  /** The scope decision; null = left unmapped on purpose (work to do on the role-mapping page). */
  category: CategoryValue | null;
  department: string;
  /** Line-management tier: 0 chief executive, 1 director, 2 head of service, 3 manager, 4 staff. */
  tier: number;
  riverside: number;
  oakfield: number;
  timeManagingPct: number | null;
  rationale: string;
  /** Share of holders employed by a contractor rather than directly. */
  contractorShare?: number;
  /** Field or site roles never work remotely. */
  onSite?: boolean;
  /** Review date of the decision when it should stand out (already past review). */
  reviewDate?: string;
}

const FRONTLINE = "Delivers housing services to tenants with no management of the service: conduct requirements only";
const BACK_OFFICE = "Back-office role with no responsibility for housing management services";

export const DEMO_ROLES: readonly DemoRole[] = [
  // Senior executives (Level 5).
  { title: "Chief Executive", category: "senior_executive", department: "Executive Office", tier: 0, riverside: 1, oakfield: 1, timeManagingPct: 60, rationale: "Overall accountability to the board for housing services; housing management is the core of the role" },
  { title: "Executive Director of Housing", category: "senior_executive", department: "Neighbourhoods", tier: 1, riverside: 1, oakfield: 0, timeManagingPct: 90, rationale: "Leads all landlord services (neighbourhoods, income, lettings, supported housing); almost all time on housing management" },
  { title: "Director of Housing Services", category: "senior_executive", department: "Neighbourhoods", tier: 1, riverside: 1, oakfield: 1, timeManagingPct: 90, rationale: "Directs the neighbourhood, tenancy and income teams; accountable for housing management performance" },
  { title: "Director of Property Services", category: "senior_executive", department: "Property Services", tier: 1, riverside: 1, oakfield: 0, timeManagingPct: 85, rationale: "Directs repairs, maintenance and asset management of tenants' homes, which are housing management services" },
  { title: "Director of Customer Experience", category: "senior_executive", department: "Customer Services", tier: 1, riverside: 1, oakfield: 0, timeManagingPct: 65, rationale: "The tenants' contact centre and complaints report to this role; most of the time is on services to tenants" },
  { title: "Assistant Director of Housing", category: "senior_executive", department: "Neighbourhoods", tier: 2, riverside: 4, oakfield: 0, timeManagingPct: 90, rationale: "Deputises for the Director of Housing Services and leads the area housing teams day to day" },
  { title: "Head of Housing Management", category: "senior_executive", department: "Neighbourhoods", tier: 2, riverside: 3, oakfield: 1, timeManagingPct: 90, rationale: "Leads tenancy management policy and the housing managers" },
  { title: "Head of Neighbourhoods", category: "senior_executive", department: "Neighbourhoods", tier: 2, riverside: 6, oakfield: 0, timeManagingPct: 85, rationale: "Leads the neighbourhood managers for one area and sets how its estates and tenancies are managed" },
  { title: "Head of Tenancy Services", category: "senior_executive", department: "Neighbourhoods", tier: 2, riverside: 4, oakfield: 0, timeManagingPct: 85, rationale: "Leads tenancy enforcement, anti-social behaviour and tenancy sustainment" },
  { title: "Head of Repairs and Maintenance", category: "senior_executive", department: "Property Services", tier: 2, riverside: 3, oakfield: 1, timeManagingPct: 85, rationale: "Leads the responsive and planned repairs service to tenants' homes" },
  { title: "Head of Asset Management", category: "senior_executive", department: "Asset Management", tier: 2, riverside: 2, oakfield: 0, timeManagingPct: 70, rationale: "Leads stock condition, planned investment and the asset strategy for tenants' homes" },
  { title: "Head of Building Safety", category: "senior_executive", department: "Asset Management", tier: 2, riverside: 2, oakfield: 0, timeManagingPct: 70, rationale: "Leads building and fire safety for tenants' homes and the compliance teams" },
  { title: "Head of Income", category: "senior_executive", department: "Income", tier: 2, riverside: 3, oakfield: 0, timeManagingPct: 80, rationale: "Leads rent collection, arrears recovery and money advice for tenants" },
  { title: "Head of Lettings", category: "senior_executive", department: "Lettings", tier: 2, riverside: 3, oakfield: 0, timeManagingPct: 85, rationale: "Leads allocations and lettings, working with the voids team on empty homes" },
  { title: "Head of Supported Housing", category: "senior_executive", department: "Supported Housing", tier: 2, riverside: 3, oakfield: 0, timeManagingPct: 80, rationale: "Leads the supported and sheltered housing schemes and their managers" },
  { title: "Head of Customer Services", category: "senior_executive", department: "Customer Services", tier: 2, riverside: 2, oakfield: 0, timeManagingPct: 60, rationale: "Leads the tenants' contact centre; housing enquiries are most of the demand" },
  { title: "Head of Estate Services", category: "senior_executive", department: "Neighbourhoods", tier: 2, riverside: 2, oakfield: 0, timeManagingPct: 75, rationale: "Leads estate caretaking, cleaning and grounds maintenance on housing estates" },

  // Senior managers (Level 4).
  { title: "Housing Services Manager", category: "senior_manager", department: "Neighbourhoods", tier: 3, riverside: 8, oakfield: 2, timeManagingPct: 75, rationale: "Manages a team of housing officers; more than half of time on tenancy management" },
  { title: "Neighbourhood Manager", category: "senior_manager", department: "Neighbourhoods", tier: 3, riverside: 18, oakfield: 3, timeManagingPct: 75, rationale: "Manages the neighbourhood housing team; more than half of time on tenancy management" },
  { title: "Area Housing Manager", category: "senior_manager", department: "Neighbourhoods", tier: 3, riverside: 6, oakfield: 0, timeManagingPct: 70, rationale: "Manages the housing officers across an area; most of the time on tenancy and estate management" },
  { title: "Tenancy Services Manager", category: "senior_manager", department: "Neighbourhoods", tier: 3, riverside: 5, oakfield: 2, timeManagingPct: 70, rationale: "Manages tenancy enforcement and sustainment caseworkers; most of the time on tenancy management" },
  { title: "Anti-Social Behaviour Manager", category: "senior_manager", department: "Neighbourhoods", tier: 3, riverside: 3, oakfield: 1, timeManagingPct: 75, rationale: "Manages the anti-social behaviour caseworkers; tackling ASB is part of tenancy management" },
  { title: "Income Manager", category: "senior_manager", department: "Income", tier: 3, riverside: 8, oakfield: 1, timeManagingPct: 70, rationale: "Manages the income officers; rent collection and arrears work are a housing management service" },
  { title: "Rent Recovery Manager", category: "senior_manager", department: "Income", tier: 3, riverside: 3, oakfield: 0, timeManagingPct: 65, rationale: "Manages arrears recovery and possession cases; more than half of time on tenancy matters" },
  { title: "Lettings Manager", category: "senior_manager", department: "Lettings", tier: 3, riverside: 6, oakfield: 1, timeManagingPct: 70, rationale: "Manages the lettings officers; allocations and sign-ups are housing management" },
  { title: "Voids Manager", category: "senior_manager", department: "Lettings", tier: 3, riverside: 6, oakfield: 1, timeManagingPct: 65, rationale: "Manages the voids team and contractors turning empty homes round for letting" },
  { title: "Repairs Manager", category: "senior_manager", department: "Property Services", tier: 3, riverside: 10, oakfield: 2, timeManagingPct: 70, rationale: "Manages repairs surveyors and operatives; most of the time on the repairs service to tenants", contractorShare: 0.2 },
  { title: "Responsive Repairs Manager", category: "senior_manager", department: "Property Services", tier: 3, riverside: 5, oakfield: 0, timeManagingPct: 70, rationale: "Manages the responsive repairs service and its contractors" },
  { title: "Planned Maintenance Manager", category: "senior_manager", department: "Property Services", tier: 3, riverside: 5, oakfield: 1, timeManagingPct: 60, rationale: "Manages the planned works programme in tenants' homes (kitchens, bathrooms, roofs)" },
  { title: "Asset Manager", category: "senior_manager", department: "Asset Management", tier: 3, riverside: 4, oakfield: 0, timeManagingPct: 55, rationale: "Manages stock condition data and investment planning for tenants' homes; just over half of time on housing services" },
  { title: "Building Safety Manager", category: "senior_manager", department: "Asset Management", tier: 3, riverside: 4, oakfield: 0, timeManagingPct: 60, rationale: "Manages fire and building safety in the higher-risk blocks where tenants live" },
  { title: "Damp and Mould Manager", category: "senior_manager", department: "Property Services", tier: 3, riverside: 3, oakfield: 0, timeManagingPct: 65, rationale: "Manages the damp and mould response team for tenants' homes" },
  { title: "Estate Services Manager", category: "senior_manager", department: "Neighbourhoods", tier: 3, riverside: 4, oakfield: 1, timeManagingPct: 60, rationale: "Manages caretakers and estate cleaning; estate management is a housing service" },
  { title: "Supported Housing Manager", category: "senior_manager", department: "Supported Housing", tier: 3, riverside: 6, oakfield: 0, timeManagingPct: 70, rationale: "Manages supported housing schemes and their staff; mostly tenancy management and support" },
  { title: "Sheltered Housing Manager", category: "senior_manager", department: "Supported Housing", tier: 3, riverside: 4, oakfield: 1, timeManagingPct: 70, rationale: "Manages the scheme managers across the sheltered schemes" },
  { title: "Customer Services Manager", category: "senior_manager", department: "Customer Services", tier: 3, riverside: 5, oakfield: 1, timeManagingPct: 55, rationale: "Manages the contact centre advisors; most calls are tenants' housing enquiries" },
  { title: "Resident Engagement Manager", category: "senior_manager", department: "Customer Services", tier: 3, riverside: 2, oakfield: 1, timeManagingPct: 55, rationale: "Manages tenant involvement and scrutiny; engaging tenants is a housing management function" },

  // Left unmapped on purpose: nobody has decided these yet.
  { title: "Resident Engagement Lead", category: null, department: "Customer Services", tier: 4, riverside: 5, oakfield: 0, timeManagingPct: null, rationale: "" },
  { title: "Business Improvement Manager", category: null, department: "Customer Services", tier: 3, riverside: 4, oakfield: 0, timeManagingPct: null, rationale: "" },
  { title: "Compliance Manager", category: null, department: "Asset Management", tier: 3, riverside: 7, oakfield: 1, timeManagingPct: null, rationale: "" },
  { title: "Member Engagement Lead", category: null, department: "Customer Services", tier: 4, riverside: 0, oakfield: 2, timeManagingPct: null, rationale: "" },

  // Front line (conduct duties, no qualification required).
  { title: "Housing Officer", category: "frontline", department: "Neighbourhoods", tier: 4, riverside: 80, oakfield: 20, timeManagingPct: 0, rationale: FRONTLINE },
  { title: "Neighbourhood Officer", category: "frontline", department: "Neighbourhoods", tier: 4, riverside: 40, oakfield: 8, timeManagingPct: 0, rationale: FRONTLINE },
  { title: "Tenancy Sustainment Officer", category: "frontline", department: "Neighbourhoods", tier: 4, riverside: 15, oakfield: 3, timeManagingPct: 0, rationale: FRONTLINE },
  { title: "Income Officer", category: "frontline", department: "Income", tier: 4, riverside: 30, oakfield: 7, timeManagingPct: 0, rationale: FRONTLINE },
  { title: "Lettings Officer", category: "frontline", department: "Lettings", tier: 4, riverside: 15, oakfield: 3, timeManagingPct: 0, rationale: FRONTLINE },
  { title: "Voids Surveyor", category: "frontline", department: "Lettings", tier: 4, riverside: 8, oakfield: 2, timeManagingPct: 0, rationale: FRONTLINE, contractorShare: 0.25, onSite: true },
  { title: "Repairs Surveyor", category: "frontline", department: "Property Services", tier: 4, riverside: 12, oakfield: 3, timeManagingPct: 0, rationale: FRONTLINE, contractorShare: 0.25, onSite: true },
  { title: "Repairs Team Leader", category: "frontline", department: "Property Services", tier: 4, riverside: 8, oakfield: 2, timeManagingPct: 30, rationale: "Supervises a small team of operatives but does not manage the service; treated as front line, to be reviewed case by case", reviewDate: "2026-09-30" },
  { title: "Repairs Operative", category: "frontline", department: "Property Services", tier: 4, riverside: 14, oakfield: 0, timeManagingPct: 0, rationale: FRONTLINE, contractorShare: 0.5, onSite: true },
  { title: "Multi-Trade Operative", category: "frontline", department: "Property Services", tier: 4, riverside: 40, oakfield: 13, timeManagingPct: 0, rationale: FRONTLINE, contractorShare: 0.45, onSite: true },
  { title: "Gas Engineer", category: "frontline", department: "Property Services", tier: 4, riverside: 12, oakfield: 3, timeManagingPct: 0, rationale: FRONTLINE, contractorShare: 0.7, onSite: true },
  { title: "Customer Service Advisor", category: "frontline", department: "Customer Services", tier: 4, riverside: 58, oakfield: 12, timeManagingPct: 0, rationale: FRONTLINE },
  { title: "Estate Caretaker", category: "frontline", department: "Neighbourhoods", tier: 4, riverside: 18, oakfield: 6, timeManagingPct: 0, rationale: FRONTLINE, onSite: true },
  { title: "Scheme Manager", category: "frontline", department: "Supported Housing", tier: 4, riverside: 10, oakfield: 3, timeManagingPct: 10, rationale: "Despite the title, a front-line sheltered scheme role with no line management", reviewDate: "2026-09-30" },
  { title: "Support Worker", category: "frontline", department: "Supported Housing", tier: 4, riverside: 14, oakfield: 0, timeManagingPct: 0, rationale: FRONTLINE, onSite: true },
  { title: "Resident Engagement Officer", category: "frontline", department: "Customer Services", tier: 4, riverside: 5, oakfield: 1, timeManagingPct: 0, rationale: FRONTLINE },

  // Out of scope.
  { title: "Chief Financial Officer", category: "out_of_scope", department: "Finance", tier: 1, riverside: 1, oakfield: 0, timeManagingPct: 0, rationale: "Finance only; housing services do not report to this role" },
  { title: "Company Secretary", category: "out_of_scope", department: "Executive Office", tier: 2, riverside: 1, oakfield: 1, timeManagingPct: 0, rationale: "Governance role with no housing management duties" },
  { title: "Head of People", category: "out_of_scope", department: "People", tier: 2, riverside: 1, oakfield: 0, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "Head of Digital and IT", category: "out_of_scope", department: "IT", tier: 2, riverside: 1, oakfield: 0, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "Finance Manager", category: "out_of_scope", department: "Finance", tier: 3, riverside: 4, oakfield: 1, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "Development Manager", category: "out_of_scope", department: "Asset Management", tier: 3, riverside: 3, oakfield: 1, timeManagingPct: 0, rationale: "New-build development is not housing management" },
  { title: "Finance Business Partner", category: "out_of_scope", department: "Finance", tier: 4, riverside: 6, oakfield: 1, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "Finance Assistant", category: "out_of_scope", department: "Finance", tier: 4, riverside: 8, oakfield: 1, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "Payroll Officer", category: "out_of_scope", department: "Finance", tier: 4, riverside: 4, oakfield: 1, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "HR Business Partner", category: "out_of_scope", department: "People", tier: 4, riverside: 5, oakfield: 1, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "IT Service Desk Analyst", category: "out_of_scope", department: "IT", tier: 4, riverside: 10, oakfield: 2, timeManagingPct: 0, rationale: BACK_OFFICE },
  { title: "Systems Developer", category: "out_of_scope", department: "IT", tier: 4, riverside: 4, oakfield: 0, timeManagingPct: 0, rationale: BACK_OFFICE },
];

/** How a few people's job titles look in the HR export (same title once normalised). */
export const TITLE_SPELLINGS: Readonly<Record<string, readonly string[]>> = {
  "Housing Officer": ["Housing officer"],
  "Neighbourhood Officer": ["NEIGHBOURHOOD OFFICER"],
};

export const FIRST_NAMES: readonly string[] = [
  "Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
  "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Alexander",
  "Daniel", "Samuel", "Joseph", "Benjamin", "Liam", "Ryan", "Adam", "Callum", "Connor", "Luke",
  "Matthew", "Michael", "David", "Paul", "Mark", "Andrew", "Stephen", "Richard", "Gareth", "Craig",
  "Darren", "Wayne", "Lee", "Dean", "Ian", "Graham", "Neil", "Keith", "Martin", "Simon",
  "Mohammed", "Imran", "Tariq", "Arjun", "Rajesh", "Sanjay", "Kwame", "Chinedu", "Tomasz", "Piotr",
  "Seán", "Ciarán", "Rhys", "Dylan", "Owain", "Hamish", "Euan", "Kieran", "Aled", "Declan",
  "Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophia", "Grace", "Lily", "Freya", "Ella",
  "Charlotte", "Jessica", "Sophie", "Hannah", "Lucy", "Emma", "Rebecca", "Laura", "Sarah", "Rachel",
  "Claire", "Helen", "Joanne", "Nicola", "Karen", "Julie", "Lisa", "Michelle", "Kelly", "Donna",
  "Amanda", "Susan", "Gemma", "Kirsty", "Leanne", "Stacey", "Danielle", "Natalie", "Victoria", "Katie",
  "Fatima", "Aisha", "Zainab", "Priya", "Anjali", "Nadia", "Amara", "Chiamaka", "Agnieszka", "Magdalena",
  "Zoë", "Siobhán", "Renée", "Niamh", "Aoife", "Chloë", "Saoirse", "Eilidh", "Carys", "Bethan",
];

export const LAST_NAMES: readonly string[] = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
  "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
  "Patel", "Khan", "Hussain", "Ahmed", "Begum", "Ali", "Shah", "Akhtar", "Iqbal", "Mahmood",
  "Lewis", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "Morris", "King",
  "Harrison", "Baker", "Martin", "Parker", "Scott", "Young", "Allen", "Mitchell", "Bell", "Cook",
  "Kelly", "Murphy", "O'Brien", "O'Connor", "McCarthy", "Doherty", "Gallagher", "MacDonald", "Campbell", "Stewart",
  "Okafor", "Mensah", "Adeyemi", "Boateng", "Nowak", "Kowalski", "Wiśniewska", "Novák", "Müller", "Nuñez",
  "Sutcliffe", "Ackroyd", "Holroyd", "Barraclough", "Ramsden", "Haigh", "Greenwood", "Crowther", "Lockwood", "Firth",
  "Lloyd-Davies", "Brontë", "Marsden", "Pickles", "Priestley", "Hepworth", "Broadbent", "Hirst", "Sykes", "Booth",
];
