"""The demo roster's rows: fictional partners in real places (see docs/demo.md).

Five states, one pattern each: Pennsylvania (a single-point-of-contact
district), Ohio (tips routed by trafficking type and age), North Carolina
(regional protocols with a statewide fallback), Oregon (one statewide
protocol) and Vermont (office hours only: no after-hours tip line). Ids start
with `demo-`; dates are fixed (recent = October 2026, stale = 2024).
"""

from __future__ import annotations

from typing import Any

from service.domain.vocabulary import LAW_ENFORCEMENT_TYPES, OrgType

Row = dict[str, Any]

RECENT, RECENT_2, MID, OLD, OLD_2 = "2026-10-15", "2026-10-02", "2026-04-20", "2024-06-12", "2024-02-28"
H24, OFFICE = "24/7", "Mon-Fri 09:00-17:00"

PA_DISTRICT = "us-pa-keystone-district"
NC_WEST, NC_TRIANGLE, NC_COAST = "us-nc-western-region", "us-nc-triangle-region", "us-nc-coastal-region"

_REGIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (PA_DISTRICT, "Keystone District (demo)", "PA", "district",
     ("lancaster", "york", "lebanon", "dauphin", "cumberland", "adams")),
    (NC_WEST, "Western NC Region (demo)", "NC", "region",
     ("buncombe", "haywood", "henderson", "madison", "transylvania", "jackson")),
    (NC_TRIANGLE, "Triangle Region (demo)", "NC", "region",
     ("wake", "durham", "orange", "johnston", "chatham")),
    (NC_COAST, "Coastal Region (demo)", "NC", "region",
     ("new-hanover", "brunswick", "pender", "onslow")),
)


def _county(state: str, name: str) -> str:
    return f"us-{state.lower()}-{name}-county"


# (key, name, type, hours, area code, verified_on, address_confidential)
_ORGS: tuple[tuple[str, str, OrgType, str, str, str, bool], ...] = (
    # Pennsylvania: the Keystone District task force and its members
    ("pa-keystone-tf", "Keystone Anti-Trafficking Task Force (demo)", OrgType.TASK_FORCE, H24, "717", RECENT, False),
    ("pa-red-rose-police", "Red Rose City Police Department, Vice Unit (demo)", OrgType.POLICE, H24, "717", RECENT, False),
    ("pa-valley-sheriff", "Codorus Valley Sheriff's Office (demo)", OrgType.SHERIFF, H24, "717", MID, False),
    ("pa-fbi", "FBI Keystone Resident Agency, Civil Rights Squad (demo)", OrgType.FBI, H24, "717", RECENT, False),
    ("pa-hsi", "HSI Keystone Field Office (demo)", OrgType.HSI, H24, "717", MID, False),
    ("pa-victim-witness", "Keystone District Attorney Victim-Witness Unit (demo)", OrgType.VICTIM_WITNESS, OFFICE, "717", RECENT, False),
    ("pa-usao", "US Attorney's Office, Keystone Division (demo)", OrgType.USAO, OFFICE, "717", OLD, False),
    ("pa-freedom-harbor", "Freedom Harbor Anti-Trafficking Network (demo)", OrgType.ANTI_TRAFFICKING, OFFICE, "717", RECENT, False),
    ("pa-safe-passage", "Safe Passage Youth Shelter (demo)", OrgType.RUNAWAY_HOMELESS_YOUTH, H24, "717", RECENT, True),
    ("pa-open-door", "Open Door Immigrant Legal Center (demo)", OrgType.IMMIGRANT_RIGHTS, OFFICE, "717", RECENT_2, False),
    ("pa-rose-valley-sa", "Rose Valley Sexual Assault Resource Center (demo)", OrgType.SEXUAL_ASSAULT, H24, "717", OLD, False),
    ("pa-harbor-light", "Harbor Light Domestic Violence Services (demo)", OrgType.DOMESTIC_VIOLENCE, H24, "717", RECENT, True),
    # Ohio: statewide tip lines split by trafficking type and age
    ("oh-labor-unit", "Buckeye Bureau of Investigation, Labor Trafficking Unit (demo)", OrgType.POLICE, H24, "614", RECENT, False),
    ("oh-vice", "Buckeye State Patrol, Vice and Sex Crimes Unit (demo)", OrgType.POLICE, H24, "614", RECENT, False),
    ("oh-child-hotline", "Buckeye Children's Protection Hotline (demo)", OrgType.HOTLINE, H24, "614", RECENT_2, False),
    ("oh-capital-police", "Capital City Police, Human Trafficking Squad (demo)", OrgType.POLICE, H24, "614", RECENT, False),
    ("oh-riverside-sheriff", "Riverside Sheriff's Office (demo)", OrgType.SHERIFF, H24, "614", OLD, False),
    ("oh-fbi", "FBI Buckeye Field Office, Innocence Lost Task Force (demo)", OrgType.FBI, H24, "614", MID, False),
    ("oh-hsi", "HSI Buckeye Office (demo)", OrgType.HSI, H24, "614", RECENT, False),
    ("oh-womens-refuge", "Buckeye Women's Refuge (demo)", OrgType.SHELTER_WOMEN, H24, "614", RECENT, True),
    ("oh-lantern-house", "Lantern House Youth Shelter (demo)", OrgType.RUNAWAY_HOMELESS_YOUTH, H24, "614", RECENT, True),
    ("oh-lakeshore-dv", "Lakeshore Domestic Violence Alliance (demo)", OrgType.DOMESTIC_VIOLENCE, H24, "614", MID, True),
    ("oh-survivors-legal", "Buckeye Survivors' Legal Clinic (demo)", OrgType.LEGAL_SERVICES, OFFICE, "614", OLD, False),
    ("oh-riverbend", "Riverbend Trauma Recovery Center (demo)", OrgType.MENTAL_HEALTH, OFFICE, "614", RECENT, False),
    ("oh-crossroads", "Crossroads Immigrant Advocacy Project (demo)", OrgType.IMMIGRANT_RIGHTS, OFFICE, "614", RECENT, False),
    ("oh-freedom-coalition", "Buckeye Freedom Coalition (demo)", OrgType.ANTI_TRAFFICKING, OFFICE, "614", RECENT, False),
    # North Carolina: three regions and a statewide coalition
    ("nc-coalition", "Tar Heel Anti-Trafficking Coalition (demo)", OrgType.ANTI_TRAFFICKING, H24, "919", RECENT, False),
    ("nc-sbi", "Tar Heel State Bureau, Human Trafficking Unit (demo)", OrgType.POLICE, H24, "919", RECENT, False),
    ("nc-fbi", "FBI Tar Heel Field Office (demo)", OrgType.FBI, H24, "919", OLD, False),
    ("nc-usao", "US Attorney's Office, Eastern Tar Heel District (demo)", OrgType.USAO, OFFICE, "919", MID, False),
    ("nc-triangle-tf", "Triangle Human Trafficking Task Force (demo)", OrgType.TASK_FORCE, H24, "919", RECENT, False),
    ("nc-oak-city-police", "Oak City Police Department, Vice Unit (demo)", OrgType.POLICE, H24, "919", RECENT, False),
    ("nc-capital-sheriff", "Capital County Sheriff's Office (demo)", OrgType.SHERIFF, H24, "919", MID, False),
    ("nc-oak-city-youth", "Oak City Youth Haven (demo)", OrgType.RUNAWAY_HOMELESS_YOUTH, H24, "919", RECENT, True),
    ("nc-longleaf", "Longleaf Trauma Counseling (demo)", OrgType.MENTAL_HEALTH, OFFICE, "919", OLD_2, False),
    ("nc-piedmont-immigrant", "Piedmont Immigrant Justice Center (demo)", OrgType.IMMIGRANT_RIGHTS, OFFICE, "919", RECENT, False),
    ("nc-justice-legal", "Tar Heel Justice Legal Aid (demo)", OrgType.LEGAL_SERVICES, OFFICE, "919", RECENT_2, False),
    ("nc-blue-ridge", "Blue Ridge Freedom Network (demo)", OrgType.ANTI_TRAFFICKING, H24, "828", RECENT, False),
    ("nc-mountain-hope", "Mountain Hope Women's House (demo)", OrgType.SHELTER_WOMEN, H24, "828", OLD, True),
    ("nc-cape-fear", "Cape Fear Coastal Anti-Trafficking Alliance (demo)", OrgType.ANTI_TRAFFICKING, OFFICE, "910", RECENT, False),
    ("nc-tidewater-youth", "Tidewater Youth Shelter (demo)", OrgType.RUNAWAY_HOMELESS_YOUTH, H24, "910", MID, True),
    ("nc-queen-city-police", "Queen City Police, Vice and Narcotics Unit (demo)", OrgType.POLICE, H24, "704", RECENT, False),
    ("nc-queen-city-vw", "Queen City District Attorney Victim-Witness Unit (demo)", OrgType.VICTIM_WITNESS, OFFICE, "704", RECENT, False),
    ("nc-haven-street", "Haven Street Men's Shelter (demo)", OrgType.SHELTER_MEN, H24, "704", RECENT_2, True),
    ("nc-sandhills-sa", "Sandhills Sexual Assault Center (demo)", OrgType.SEXUAL_ASSAULT, H24, "704", OLD_2, False),
    # Oregon: one statewide protocol
    ("or-response", "Beaver State Anti-Trafficking Response (demo)", OrgType.ANTI_TRAFFICKING, H24, "503", RECENT, False),
    ("or-state-police", "Beaver State Police, Human Trafficking Unit (demo)", OrgType.POLICE, H24, "503", RECENT, False),
    ("or-hsi", "HSI Cascade Office (demo)", OrgType.HSI, H24, "503", MID, False),
    ("or-ice-ero", "ICE Enforcement and Removal Operations, Cascade Field Office (demo)", OrgType.ICE, H24, "503",
     RECENT, False),
    ("or-cascade-dv", "Cascade Domestic Violence Network (demo)", OrgType.DOMESTIC_VIOLENCE, H24, "503", RECENT, True),
    ("or-willamette-men", "Willamette Men's Shelter (demo)", OrgType.SHELTER_MEN, H24, "503", RECENT_2, True),
    ("or-rose-residence", "Rose City Women's Residence (demo)", OrgType.SHELTER_WOMEN, H24, "503", OLD, True),
    ("or-youth-harbor", "Cascade Youth Harbor (demo)", OrgType.RUNAWAY_HOMELESS_YOUTH, H24, "541", RECENT, True),
    ("or-survivors-law", "Beaver State Survivors' Law Project (demo)", OrgType.LEGAL_SERVICES, OFFICE, "503", RECENT, False),
    ("or-gorge-immigrant", "Columbia Gorge Immigrant Rights Project (demo)", OrgType.IMMIGRANT_RIGHTS, OFFICE, "541", RECENT, False),
    ("or-cascadia-healing", "Cascadia Healing Collective (demo)", OrgType.MENTAL_HEALTH, OFFICE, "503", RECENT, False),
    ("or-high-desert", "High Desert Counseling Partners (demo)", OrgType.MENTAL_HEALTH, OFFICE, "541", OLD, False),
    ("or-sa-line", "Beaver State Sexual Assault Support Line (demo)", OrgType.SEXUAL_ASSAULT, H24, "503", RECENT, False),
    # Vermont: office hours only
    ("vt-green-mountain", "Green Mountain Anti-Trafficking Project (demo)", OrgType.ANTI_TRAFFICKING, OFFICE, "802", MID, False),
    ("vt-champlain-sa", "Champlain Valley Sexual Assault Center (demo)", OrgType.SEXUAL_ASSAULT, OFFICE, "802", OLD, False),
)

# (key, organization key, name, role, unit, has after-hours phone, languages, verified_on)
_CONTACTS: tuple[tuple[str, str, str, str, str, bool, str, str], ...] = (
    ("pa-keystone-duty", "pa-keystone-tf", "Dana Whitfield", "Task force coordinator", "Duty desk", True, "en;es", RECENT),
    ("pa-red-rose-vice", "pa-red-rose-police", "Sgt. Marcus Hale", "Sergeant", "Vice Unit", True, "en", RECENT),
    ("pa-valley-sheriff-desk", "pa-valley-sheriff", "Deputy Laura Brenneman", "Investigator", "Criminal Investigations", True, "en", MID),
    ("pa-fbi-duty", "pa-fbi", "SA Priya Castellano", "Special Agent", "Civil Rights Squad", True, "en;es", RECENT),
    ("pa-hsi-duty", "pa-hsi", "SA Tomas Reyes", "Special Agent", "Human Trafficking Group", True, "en;es;pt", MID),
    ("pa-vw-advocate", "pa-victim-witness", "Renee Albright", "Victim-witness specialist", "", False, "en", RECENT),
    ("pa-usao-coordinator", "pa-usao", "Howard Lin", "Victim-witness coordinator", "", False, "en;zh", OLD),
    ("pa-freedom-intake", "pa-freedom-harbor", "Keisha Moreland", "Intake coordinator", "Client services", False, "en;es", RECENT),
    ("pa-safe-passage-intake", "pa-safe-passage", "Jordan Pike", "Shelter intake", "", True, "en", RECENT),
    ("pa-open-door-attorney", "pa-open-door", "Ana Beltran", "Staff attorney", "Immigration", False, "en;es", RECENT_2),
    ("pa-rose-valley-advocate", "pa-rose-valley-sa", "Megan Troutman", "Advocate", "", True, "en", OLD),
    ("pa-harbor-light-hotline", "pa-harbor-light", "Grace Nwosu", "Hotline supervisor", "", True, "en;fr", RECENT),
    ("oh-labor-desk", "oh-labor-unit", "Lt. Raymond Osei", "Lieutenant", "Labor Trafficking Unit", True, "en;es", RECENT),
    ("oh-vice-desk", "oh-vice", "Sgt. Carla Dimitriou", "Sergeant", "Vice and Sex Crimes", True, "en", RECENT),
    ("oh-child-intake", "oh-child-hotline", "Tamara Quinlan", "Intake supervisor", "", True, "en;es", RECENT_2),
    ("oh-capital-squad", "oh-capital-police", "Det. Evan Marsh", "Detective", "Human Trafficking Squad", True, "en", RECENT),
    ("oh-fbi-duty", "oh-fbi", "SA Noor Haddad", "Special Agent", "Innocence Lost", True, "en;ar", MID),
    ("oh-hsi-duty", "oh-hsi", "SA Luis Carranza", "Special Agent", "", True, "en;es", RECENT),
    ("oh-refuge-intake", "oh-womens-refuge", "Bethany Koller", "Shelter intake", "", True, "en", RECENT),
    ("oh-lantern-intake", "oh-lantern-house", "Darnell Wilkes", "Youth intake", "", True, "en", RECENT),
    ("oh-riverside-desk", "oh-riverside-sheriff", "Det. Gloria Hatcher", "Detective", "Special Victims", True, "en", OLD),
    ("oh-lakeshore-line", "oh-lakeshore-dv", "Nadia Petrovic", "Hotline coordinator", "", True, "en;ru", MID),
    ("oh-riverbend-clinician", "oh-riverbend", "Dr. Simon Achebe", "Trauma therapist", "", False, "en", RECENT),
    ("oh-legal-attorney", "oh-survivors-legal", "Ingrid Sorensen", "Managing attorney", "", False, "en", OLD),
    ("oh-crossroads-attorney", "oh-crossroads", "Mateo Alvarez", "Immigration attorney", "", False, "en;es", RECENT),
    ("oh-coalition-cm", "oh-freedom-coalition", "Whitney Adebayo", "Case manager", "", False, "en", RECENT),
    ("nc-coalition-line", "nc-coalition", "Rachel Greer", "Hotline director", "", True, "en;es", RECENT),
    ("nc-sbi-duty", "nc-sbi", "Agent Curtis Bell", "Special Agent", "Human Trafficking Unit", True, "en", RECENT),
    ("nc-fbi-duty", "nc-fbi", "SA Helen Park", "Special Agent", "", True, "en;ko", OLD),
    ("nc-triangle-duty", "nc-triangle-tf", "Lt. Andre Fulton", "Task force coordinator", "", True, "en", RECENT),
    ("nc-oak-city-vice", "nc-oak-city-police", "Sgt. Lydia Carver", "Sergeant", "Vice Unit", True, "en", RECENT),
    ("nc-capital-sheriff-desk", "nc-capital-sheriff", "Det. Owen Strickland", "Detective", "Special Victims", True, "en", MID),
    ("nc-oak-city-youth-intake", "nc-oak-city-youth", "Simone Batts", "Youth intake", "", True, "en;es", RECENT),
    ("nc-longleaf-clinician", "nc-longleaf", "Dr. Erin Talbot", "Clinical lead", "", False, "en", OLD_2),
    ("nc-mountain-hope-intake", "nc-mountain-hope", "Ruth Caldwell", "House manager", "", True, "en", OLD),
    ("nc-haven-street-intake", "nc-haven-street", "Marcus Boone", "Shelter intake", "", True, "en;es", RECENT_2),
    ("nc-piedmont-attorney", "nc-piedmont-immigrant", "Julia Ortega", "Staff attorney", "", False, "en;es", RECENT),
    ("nc-justice-intake", "nc-justice-legal", "Samuel Okoro", "Intake paralegal", "", False, "en", RECENT_2),
    ("nc-blue-ridge-line", "nc-blue-ridge", "Hannah Whitaker", "Regional coordinator", "", True, "en", RECENT),
    ("nc-cape-fear-office", "nc-cape-fear", "Terrence Mobley", "Program manager", "", False, "en", RECENT),
    ("nc-tidewater-intake", "nc-tidewater-youth", "Brianna Lassiter", "Youth intake", "", True, "en", MID),
    ("nc-queen-city-vice", "nc-queen-city-police", "Sgt. Victor Ames", "Sergeant", "Vice and Narcotics", True, "en;es", RECENT),
    ("nc-queen-city-advocate", "nc-queen-city-vw", "Paula Dent", "Victim-witness specialist", "", False, "en", RECENT),
    ("or-response-line", "or-response", "Kendra Holloway", "Response line lead", "", True, "en;es;ru", RECENT),
    ("or-osp-duty", "or-state-police", "Sgt. Wesley Tran", "Sergeant", "Human Trafficking Unit", True, "en;vi", RECENT),
    ("or-hsi-duty", "or-hsi", "SA Marisol Peña", "Special Agent", "", True, "en;es", MID),
    ("or-ice-duty", "or-ice-ero", "Officer Dean Whitlock", "Victim assistance duty officer", "", True, "en;es", RECENT),
    ("or-willamette-intake", "or-willamette-men", "Curtis Lund", "Shelter intake", "", True, "en", RECENT_2),
    ("or-youth-harbor-intake", "or-youth-harbor", "Aimee Novak", "Youth intake", "", True, "en", RECENT),
    ("or-gorge-attorney", "or-gorge-immigrant", "Rafael Ibarra", "Staff attorney", "", False, "en;es", RECENT),
    ("or-cascadia-clinician", "or-cascadia-healing", "Dr. Lena Forsberg", "Clinical director", "", False, "en", RECENT),
    ("vt-green-mountain-office", "vt-green-mountain", "Colin Ashby", "Program director", "", False, "en;fr", MID),
    # A retired contact: never offered (its organization's phone is).
    ("oh-vice-former", "oh-vice", "Sgt. Paul Everly", "Sergeant (retired)", "Vice and Sex Crimes", False, "en", OLD),
)
_RETIRED_CONTACTS = {"oh-vice-former": "2025-08-31"}
# Contacts whose human trafficking training is on file (routing ranks them first among equals)
_TRAINED_CONTACTS = {"pa-keystone-duty": "2026-03-10", "nc-triangle-duty": "2026-02-18",
                     "or-response-line": "2025-11-04", "oh-capital-squad": "2026-05-21"}

# (key, jurisdiction, kind, statement, source): what a protocol designer weighs in each state
_FACTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("nc-hotline-posting", "us-nc", "LAW_HOTLINE_POSTING",
     "Hotels, truck stops and bus stations must post the national hotline number", "state statute"),
    ("nc-triangle-tf", NC_TRIANGLE, "TASK_FORCE_OR_COALITION",
     "The Triangle task force meets monthly; every tip in the region is reported to all its members", "its charter"),
    ("pa-district-protocol", PA_DISTRICT, "LOCAL_PROTOCOL",
     "Every tip in the district goes to the Keystone task force duty desk", "the district's protocol"),
    ("oh-le-training", "us-oh", "LAW_ENFORCEMENT_TRAINING",
     "Peace officers complete a human trafficking course at the academy", "state training rules"),
    ("oh-victim-funding", "us-oh", "LAW_VICTIM_FUNDING",
     "A state fund pays for survivors' shelter and legal services", "state budget"),
    ("vt-no-local-hotline", "us-vt", "LOCAL_HOTLINE",
     "No local after-hours hotline: after hours, callers are referred to the national hotline", "the state coalition"),
)

_SERVICE_ABBR = {"TIP_REPORTING": "tip", "VICTIM_EXTRACTION": "extraction", "SHELTER_EMERGENCY": "emergency-shelter",
                 "SHELTER_TRANSITIONAL": "transitional-shelter", "CASE_MANAGEMENT": "case-management",
                 "LEGAL_SERVICES": "legal", "MENTAL_HEALTH": "mental-health",
                 "IMMIGRATION_SERVICES": "immigration"}


def _capability_table() -> list[tuple[str, str, str, dict[str, Any]]]:
    """(organization key, service, jurisdictions, options): the demo's capabilities."""
    d, t, w, c = PA_DISTRICT, NC_TRIANGLE, NC_WEST, NC_COAST
    lanc, york, dauph, leb = (_county("PA", n) for n in ("lancaster", "york", "dauphin", "lebanon"))
    fr, cuy, ham, lake, lor = (_county("OH", n) for n in ("franklin", "cuyahoga", "hamilton", "lake", "lorain"))
    wake, meck, guil = (_county("NC", n) for n in ("wake", "mecklenburg", "guilford"))
    tip, ext, she, sht = "TIP_REPORTING", "VICTIM_EXTRACTION", "SHELTER_EMERGENCY", "SHELTER_TRANSITIONAL"
    cm, leg, mh, imm = "CASE_MANAGEMENT", "LEGAL_SERVICES", "MENTAL_HEALTH", "IMMIGRATION_SERVICES"
    minor, adult_f, adult_m = {"age": "MINOR"}, {"age": "ADULT", "gender": "FEMALE"}, {"age": "ADULT", "gender": "MALE"}
    fn = {"nationality": "FOREIGN_NATIONAL"}
    return [
        # --- Pennsylvania: every tip in the district goes to the task force
        ("pa-keystone-tf", tip, d, {"priority": 10, "notes": "Single point of contact for every tip in the district"}),
        ("pa-keystone-tf", ext, d, {"priority": 20}),
        ("pa-red-rose-police", ext, lanc, {"priority": 10}),
        ("pa-valley-sheriff", ext, f"{york};{_county('PA', 'adams')}", {"priority": 10, "verified_on": MID}),
        ("pa-fbi", ext, "us-pa", {"priority": 50}),
        ("pa-hsi", ext, "us-pa", {"priority": 40, **fn, "verified_on": MID}),
        ("pa-freedom-harbor", cm, d, {"priority": 10}),
        ("pa-freedom-harbor", leg, d, {"priority": 30, "contact": None}),
        ("pa-victim-witness", cm, d, {"priority": 50}),
        ("pa-victim-witness", leg, d, {"priority": 60}),
        ("pa-usao", cm, "us-pa", {"priority": 90, "verified_on": OLD}),
        ("pa-safe-passage", she, f"{lanc};{york};{dauph}", {"priority": 10, **minor}),
        ("pa-safe-passage", sht, d, {"priority": 10, **minor}),
        ("pa-safe-passage", cm, f"{lanc};{york}", {"priority": 60, **minor, "hours": "BUSINESS_HOURS"}),
        ("pa-open-door", imm, "us-pa", {**fn}),
        ("pa-open-door", leg, "us-pa", {**fn, "priority": 20}),
        ("pa-rose-valley-sa", mh, f"{lanc};{leb}", {"trafficking": "SEX", "verified_on": OLD}),
        ("pa-rose-valley-sa", cm, f"{lanc};{leb}", {"trafficking": "SEX", "gender": "FEMALE", "verified_on": OLD,
                                                    "hours": "BUSINESS_HOURS"}),
        ("pa-harbor-light", she, d, {**adult_f, "priority": 20}),
        ("pa-harbor-light", sht, lanc, {**adult_f, "priority": 20}),
        ("pa-harbor-light", leg, d, {"gender": "FEMALE", "hours": "BUSINESS_HOURS", "priority": 50}),
        # --- Ohio: tips by trafficking type (adults) and age (minors)
        ("oh-labor-unit", tip, "us-oh", {"priority": 20, "age": "ADULT", "trafficking": "LABOR"}),
        ("oh-vice", tip, "us-oh", {"priority": 10, "age": "ADULT", "trafficking": "SEX"}),
        ("oh-child-hotline", tip, "us-oh", {"priority": 30, **minor}),
        ("oh-labor-unit", ext, "us-oh", {"priority": 60, "trafficking": "LABOR"}),
        ("oh-vice", ext, "us-oh", {"priority": 60, "trafficking": "SEX", "age": "ADULT"}),
        ("oh-capital-police", ext, fr, {"priority": 10}),
        ("oh-riverside-sheriff", ext, ham, {"priority": 10, "verified_on": OLD}),
        ("oh-fbi", ext, "us-oh", {"priority": 30, **minor, "trafficking": "SEX"}),
        ("oh-hsi", ext, "us-oh", {"priority": 40, **fn}),
        ("oh-womens-refuge", she, "us-oh", {**adult_f, "priority": 20}),
        ("oh-womens-refuge", sht, f"{fr};{ham};{cuy}", {**adult_f, "priority": 20}),
        ("oh-lakeshore-dv", she, f"{cuy};{lake};{lor}", {**adult_f, "priority": 10, "verified_on": MID}),
        ("oh-lakeshore-dv", cm, f"{cuy};{lake};{lor}", {"gender": "FEMALE", "hours": "BUSINESS_HOURS", "verified_on": MID}),
        ("oh-lantern-house", she, "us-oh", {**minor, "priority": 10}),
        ("oh-lantern-house", sht, fr, {**minor, "priority": 10}),
        ("oh-survivors-legal", leg, "us-oh", {"verified_on": OLD}),
        ("oh-riverbend", mh, f"{fr};{_county('OH', 'delaware')};{_county('OH', 'licking')}", {}),
        ("oh-riverbend", cm, fr, {"priority": 40}),
        ("oh-hsi", imm, "us-oh", {**fn, "priority": 80}),
        ("oh-crossroads", imm, "us-oh", {**fn}),
        ("oh-crossroads", leg, "us-oh", {**fn, "priority": 50}),
        ("oh-freedom-coalition", cm, "us-oh", {}),
        # --- North Carolina: regional first, then the statewide coalition
        ("nc-coalition", tip, "us-nc", {"priority": 50}),
        ("nc-coalition", cm, "us-nc", {"priority": 50}),
        ("nc-triangle-tf", tip, t, {"priority": 10, "notify": "ALL_MEMBERS",
                                    "notes": "Every tip is reported to all members of the task force"}),
        ("nc-triangle-tf", ext, t, {"priority": 20}),
        ("nc-blue-ridge", tip, w, {"priority": 10}),
        ("nc-blue-ridge", cm, w, {"priority": 10, "hours": "BUSINESS_HOURS"}),
        ("nc-cape-fear", tip, c, {"priority": 10, "notes": "Office hours only; after hours call the statewide line"}),
        ("nc-cape-fear", cm, c, {"priority": 10}),
        ("nc-sbi", ext, "us-nc", {"priority": 20}),
        ("nc-fbi", ext, "us-nc", {"priority": 50, "verified_on": OLD}),
        ("nc-usao", cm, f"{t};{c}", {"priority": 80, "contact": None}),
        ("nc-oak-city-police", ext, "us-nc-raleigh", {"priority": 10}),
        ("nc-capital-sheriff", ext, wake, {"priority": 10, "verified_on": MID}),
        ("nc-queen-city-police", ext, meck, {"priority": 10}),
        ("nc-queen-city-vw", cm, meck, {"priority": 20}),
        ("nc-queen-city-vw", leg, meck, {"priority": 40}),
        ("nc-coalition", leg, "us-nc", {"priority": 90, "urgency": "NON_URGENT"}),
        ("nc-oak-city-youth", she, t, {**minor, "priority": 10}),
        ("nc-oak-city-youth", sht, t, {**minor, "priority": 10}),
        ("nc-tidewater-youth", she, c, {**minor, "priority": 10, "verified_on": MID}),
        ("nc-tidewater-youth", sht, c, {**minor, "priority": 10, "verified_on": MID}),
        ("nc-mountain-hope", she, w, {**adult_f, "verified_on": OLD}),
        ("nc-mountain-hope", sht, w, {**adult_f, "verified_on": OLD}),
        ("nc-haven-street", she, f"{wake};{_county('NC', 'durham')};{meck}", {**adult_m}),
        ("nc-haven-street", sht, meck, {**adult_m}),
        ("nc-longleaf", mh, t, {"verified_on": OLD_2}),
        ("nc-sandhills-sa", mh, f"{meck};{guil}", {"trafficking": "SEX", "verified_on": OLD_2}),
        ("nc-sandhills-sa", cm, f"{meck};{guil}", {"trafficking": "SEX", "gender": "FEMALE", "contact": None,
                                                  "verified_on": OLD_2}),
        ("nc-longleaf", cm, t, {"priority": 60, "verified_on": OLD_2}),
        ("nc-piedmont-immigrant", imm, f"{t};{meck}", {**fn}),
        ("nc-piedmont-immigrant", leg, f"{t};{meck}", {**fn, "priority": 20}),
        ("nc-justice-legal", leg, "us-nc", {"priority": 50}),
        # --- Oregon: one statewide set
        ("or-response", tip, "us-or", {"priority": 10}),
        ("or-response", cm, "us-or", {"priority": 10}),
        ("or-state-police", tip, "us-or", {"priority": 20}),
        ("or-state-police", ext, "us-or", {"priority": 10}),
        ("or-hsi", ext, "us-or", {"priority": 30, **fn, "verified_on": MID}),
        ("or-ice-ero", ext, "us-or", {"priority": 40, **fn}),
        ("or-cascade-dv", she, "us-or", {**adult_f, "priority": 10, "contact": None}),
        ("or-cascade-dv", cm, "us-or", {"gender": "FEMALE", "priority": 30, "contact": None}),
        ("or-cascade-dv", leg, "us-or", {"gender": "FEMALE", "priority": 40, "contact": None}),
        ("or-willamette-men", she, "us-or", {**adult_m, "priority": 10}),
        ("or-willamette-men", sht, "us-or", {**adult_m, "priority": 10}),
        ("or-rose-residence", sht, "us-or", {**adult_f, "priority": 10, "contact": None, "verified_on": OLD}),
        ("or-youth-harbor", she, "us-or", {**minor, "priority": 10}),
        ("or-youth-harbor", sht, "us-or", {**minor, "priority": 10}),
        ("or-survivors-law", leg, "us-or", {"priority": 20, "contact": None}),
        ("or-gorge-immigrant", imm, "us-or", {**fn}),
        ("or-gorge-immigrant", leg, "us-or", {**fn, "priority": 10}),
        ("or-cascadia-healing", mh, "us-or", {"priority": 100}),
        ("or-high-desert", mh, "us-or", {"priority": 100, "contact": None, "verified_on": OLD}),
        ("or-sa-line", mh, "us-or", {"priority": 50, "trafficking": "SEX", "contact": None}),
        # --- Vermont: office hours only
        ("vt-green-mountain", tip, "us-vt", {"priority": 10}),
        ("vt-green-mountain", cm, "us-vt", {"priority": 10}),
        ("vt-champlain-sa", cm, _county("VT", "chittenden"), {"trafficking": "SEX", "contact": None}),
        ("vt-champlain-sa", mh, _county("VT", "chittenden"), {"trafficking": "SEX", "contact": None,
                                                               "verified_on": OLD}),
    ]


class _Phones:
    """Fictional numbers: NPA-555-0100 .. NPA-555-0199, handed out in order per area code."""

    def __init__(self) -> None:
        self.used: dict[str, int] = {}

    def __call__(self, area: str) -> str:
        n = self.used.get(area, 0)
        if n >= 100:
            raise ValueError(f"area code {area}: the fictional 555-01xx range is used up")
        self.used[area] = n + 1
        return f"{area}-555-{100 + n:04d}"


def build() -> dict[str, list[Row]]:
    """Every demo row, by roster kind (deterministic: same rows on every call)."""
    phone = _Phones()
    orgs = {key: (name, typ, hours, area, verified, confidential)
            for key, name, typ, hours, area, verified, confidential in _ORGS}
    regions = [{"id": rid, "name": name, "state": state, "region_type": rtype,
                "counties": ";".join(_county(state, c) for c in counties),
                "notes": "Demo region: a real set of counties, an invented protocol"}
               for rid, name, state, rtype, counties in _REGIONS]
    organizations = []
    for key, (name, typ, hours, area, verified, confidential) in orgs.items():
        sector = "LAW_ENFORCEMENT" if typ in LAW_ENFORCEMENT_TYPES else "SERVICE_PROVIDER"
        organizations.append({
            "id": f"demo-{key}", "name": name, "sector": sector, "type": typ.value, "hours": hours,
            "phone": phone(area), "email": f"{key}@example.org", "website": f"https://{key}.example.org",
            "address": "Confidential shelter address" if confidential else f"100 Demo Street, area {area}",
            "address_confidential": "true" if confidential else "false",
            "notes": "Fictional organization (demo data)", "verified_on": verified,
        })
    contacts = []
    first_contact: dict[str, str] = {}
    for key, org, name, role, unit, after_hours, languages, verified in _CONTACTS:
        area = orgs[org][3]
        contacts.append({
            "id": f"demo-ct-{key}", "name": name, "organization": f"demo-{org}", "role": role,
            "unit": unit or None, "phone": phone(area), "after_hours_phone": phone(area) if after_hours else None,
            "email": f"{key}@example.org", "languages": languages, "verified_on": verified,
            "retired_on": _RETIRED_CONTACTS.get(key), "trained_on": _TRAINED_CONTACTS.get(key),
        })
        if key not in _RETIRED_CONTACTS:
            first_contact.setdefault(org, f"demo-ct-{key}")
    taskforces: list[Row] = [{
        "id": "demo-tf-keystone", "name": "Keystone Anti-Trafficking Task Force (demo)",
        "lead": "demo-pa-keystone-tf",
        "members": ";".join(f"demo-{k}" for k in ("pa-red-rose-police", "pa-valley-sheriff", "pa-fbi", "pa-hsi",
                                                  "pa-victim-witness", "pa-usao", "pa-freedom-harbor")),
        "jurisdictions": PA_DISTRICT, "notes": "Every tip in the district goes to the task force duty desk",
        "verified_on": RECENT,
    }, {
        "id": "demo-tf-triangle", "name": "Triangle Human Trafficking Task Force (demo)",
        "lead": "demo-nc-triangle-tf",
        "members": ";".join(f"demo-{k}" for k in ("nc-oak-city-police", "nc-capital-sheriff", "nc-sbi", "nc-fbi",
                                                  "nc-usao", "nc-coalition", "nc-oak-city-youth")),
        "jurisdictions": NC_TRIANGLE, "notes": None, "verified_on": MID,
    }]
    capabilities = []
    seen: set[str] = set()
    for org, service, where, options in _capability_table():
        options = dict(options)
        ident = f"demo-cap-{org}-{_SERVICE_ABBR[service]}"
        if ident in seen:
            raise ValueError(f"demo capability {ident} appears twice")
        seen.add(ident)
        office = orgs[org][2] != H24
        capabilities.append({
            "id": ident, "organization": f"demo-{org}", "service": service,
            "urgency": options.pop("urgency", "ANY"),
            "hours": options.pop("hours", "BUSINESS_HOURS" if office else "ANY"),
            "nationality": options.pop("nationality", "ANY"), "age": options.pop("age", "ANY"),
            "gender": options.pop("gender", "ANY"), "trafficking": options.pop("trafficking", "ANY"),
            "jurisdictions": where, "priority": options.pop("priority", 100),
            "contact": options.pop("contact", first_contact.get(org)),
            "notes": options.pop("notes", None),
            "notify": options.pop("notify", None),
            "verified_on": options.pop("verified_on", orgs[org][4]),
        })
        if options:
            raise ValueError(f"{ident}: unknown options {sorted(options)}")
    placefacts = [{"id": f"demo-fact-{key}", "jurisdiction": where, "kind": kind, "statement": statement,
                   "source": "Demo fact (fictional): " + source, "verified_on": RECENT}
                  for key, where, kind, statement, source in _FACTS]
    return {"regions": regions, "organizations": organizations, "contacts": contacts,
            "taskforces": taskforces, "capabilities": capabilities, "placefacts": placefacts}
