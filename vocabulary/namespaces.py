"""The namespaces of the dataset, the ontology's terms as a typed DefinedNamespace, and the prefix table."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

RALLY_NS = Namespace("https://w3id.org/rally-kg/ontology#")  # the ontology's namespace; RALLY below: its terms, checked
ONTOLOGY_IRI = URIRef(RALLY_NS.rstrip("#"))
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
WIKIDATA_PAGE = Namespace("https://www.wikidata.org/wiki/")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
WIKIPEDIA = Namespace("https://en.wikipedia.org/wiki/")  # the article a source document is a copy of, by file stem
CC_BY_SA = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")  # the licence of the articles and the data

# The prefixes of the dataset, in one table: declared in every document and page query, offered by the query
# editor and the saved queries without a PREFIX line, and used to write IRIs short.
PREFIXES: dict[str, str] = {
    "rally": str(RALLY_NS),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "sh": "http://www.w3.org/ns/shacl#",
}
PREFIX_ITEMS = tuple(PREFIXES.items())  # the table as (prefix, IRI) pairs, as a query job carries it


class RALLY(DefinedNamespace):
    """Terms of ontology/rally.ttl; a misspelt term is an error (tests keep this list and the file equal)."""

    _fail = True
    _NS = RALLY_NS

    # classes
    RallyEvent: URIRef
    RallySeries: URIRef
    Edition: URIRef
    CoveredEdition: URIRef
    EditionDay: URIRef
    Stage: URIRef
    LoopStage: URIRef
    RestDay: URIRef
    RouteVisit: URIRef
    Category: URIRef
    Entry: URIRef
    CrewRole: URIRef
    CrewListing: URIRef
    Vehicle: URIRef
    Manufacturer: URIRef
    Entrant: URIRef
    Person: URIRef
    Place: URIRef
    Country: URIRef
    Classification: URIRef
    StageClassification: URIRef
    GeneralClassification: URIRef
    FinalClassification: URIRef
    Result: URIRef
    WinningResult: URIRef
    LeadingResult: URIRef
    StageWin: URIRef
    NoContest: URIRef
    Cancellation: URIRef
    Neutralisation: URIRef
    CancelledStage: URIRef
    Penalty: URIRef
    PenalisedPerson: URIRef
    SourceProblem: URIRef
    SourceLine: URIRef
    NameVariant: URIRef
    # crew roles (individuals)
    DriverRole: URIRef
    CoDriverRole: URIRef
    FurtherCrewRole: URIRef
    # properties
    partOf: URIRef
    hasPart: URIRef
    series: URIRef
    hasEdition: URIRef
    edition: URIRef
    hasDay: URIRef
    previousEdition: URIRef
    nextEdition: URIRef
    previousStage: URIRef
    nextStage: URIRef
    year: URIRef
    editionNumber: URIRef
    stageNumber: URIRef
    date: URIRef
    startDate: URIRef
    endDate: URIRef
    distanceKm: URIRef
    statedLengthKm: URIRef
    statedLength: URIRef
    stagePlace: URIRef
    startPlace: URIRef
    finishPlace: URIRef
    restPlace: URIRef
    routeCountry: URIRef
    routeVisit: URIRef
    firstVisitOrder: URIRef
    visitedCountry: URIRef
    category: URIRef
    entryIn: URIRef
    hasEntry: URIRef
    raceNumber: URIRef
    crewMember: URIRef
    memberOf: URIRef
    driver: URIRef
    coDriver: URIRef
    furtherCrew: URIRef
    roleProperty: URIRef
    crewPosition: URIRef
    crewListing: URIRef
    listedPerson: URIRef
    role: URIRef
    vehicle: URIRef
    model: URIRef
    manufacturer: URIRef
    make: URIRef
    competedWithMake: URIRef
    competedIn: URIRef
    entrant: URIRef
    countryForSport: URIRef
    countryForSportWikidata: URIRef
    inCountry: URIRef
    iso3166Alpha3: URIRef
    iso3166Alpha2: URIRef
    iocCode: URIRef
    wikidata: URIRef
    classifiedStage: URIRef
    hasStageClassification: URIRef
    afterStage: URIRef
    hasGeneralClassification: URIRef
    standingsOf: URIRef
    hasFinalStandings: URIRef
    stageWinner: URIRef
    hasResult: URIRef
    inClassification: URIRef
    forEntry: URIRef
    result: URIRef
    position: URIRef
    tied: URIRef
    time: URIRef
    timeSeconds: URIRef
    gap: URIRef
    gapSeconds: URIRef
    derivedValue: URIRef
    noContestStage: URIRef
    noContest: URIRef
    cancelledStage: URIRef
    cancellation: URIRef
    marker: URIRef
    reason: URIRef
    awardedTime: URIRef
    awardedTimeSeconds: URIRef
    note: URIRef
    penalisedPerson: URIRef
    penalty: URIRef
    penaltyStage: URIRef
    penaltyDuration: URIRef
    penaltySeconds: URIRef
    problemCode: URIRef
    message: URIRef
    foundIn: URIRef
    concerns: URIRef
    lineNumber: URIRef
    variantOf: URIRef
    spelling: URIRef
    resolvedBy: URIRef
