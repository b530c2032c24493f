"""The SPARQL queries the tests of the 2005 Atlas Rally ask of its graph (the standard prefixes are prepended)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


# --- Queries (the standard prefixes of conftest.PREFIXES are prepended) ----------------------

EDITION_QUERY = """
SELECT DISTINCT ?label ?seriesLabel ?year ?number ?start ?end ?statedLength ?statedKm WHERE {
  ?edition a rally:Edition ; rdfs:label ?label ; rally:series/rdfs:label ?seriesLabel ;
           rally:year ?year ; rally:editionNumber ?number ;
           rally:startDate ?start ; rally:endDate ?end ;
           rally:statedLength ?statedLength ; rally:statedLengthKm ?statedKm .
}"""

ALT_LABEL_QUERY = "SELECT DISTINCT ?alt WHERE { ?edition skos:altLabel ?alt }"

NEIGHBOURS_QUERY = """
SELECT DISTINCT ?previousLabel ?nextLabel WHERE {
  ?edition rally:previousEdition ?previous ; rally:nextEdition ?next .
  ?previous a rally:Edition ; rdfs:label ?previousLabel .
  ?next a rally:Edition ; rdfs:label ?nextLabel .
}"""

ENTRY_CATEGORIES_QUERY = """
SELECT DISTINCT ?category WHERE { ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category }"""

CATEGORY_LABELS_QUERY = """
SELECT DISTINCT ?label ?alt WHERE {
  ?category a rally:Category ; rdfs:label ?label .
  OPTIONAL { ?category skos:altLabel ?alt }
}"""

STAGES_QUERY = """
SELECT DISTINCT ?stage ?number ?date ?start ?finish ?km WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ; rally:date ?date ;
         rally:distanceKm ?km ; rally:startPlace/rdfs:label ?start ; rally:finishPlace/rdfs:label ?finish .
}"""

PREVIOUS_STAGE_QUERY = """
SELECT DISTINCT ?number ?previousNumber WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number .
  OPTIONAL { ?stage rally:previousStage/rally:stageNumber ?previousNumber }
}"""

LOOP_STAGES_QUERY = """
SELECT DISTINCT ?number WHERE { ?stage a rally:LoopStage ; rally:edition ?edition ; rally:stageNumber ?number }"""

SAME_START_AND_FINISH_QUERY = """
SELECT DISTINCT ?number ?town WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:startPlace ?place ; rally:finishPlace ?place .
  ?place rdfs:label ?town .
}"""

REST_DAYS_QUERY = """
SELECT DISTINCT ?day ?date ?place WHERE {
  ?day a rally:RestDay ; rally:edition ?edition ; rally:date ?date ; rally:restPlace/rdfs:label ?place .
}"""

REST_DAY_AS_STAGE_QUERY = """
SELECT DISTINCT ?day WHERE {
  ?day a rally:RestDay ; rally:edition ?edition .
  { ?day a rally:Stage } UNION { ?day rally:stageNumber ?number }
}"""

PLACE_COUNTRIES_QUERY = """
SELECT DISTINCT ?code WHERE {
  ?place a rally:Place ; rdfs:label ?label ; rally:inCountry/rally:iso3166Alpha3 ?code .
  FILTER (STR(?label) = ?town)
}"""

ROUTE_QUERY = """
SELECT DISTINCT ?order ?code WHERE {
  ?edition rally:routeVisit ?visit .
  ?visit rally:firstVisitOrder ?order ; rally:visitedCountry/rally:iso3166Alpha3 ?code .
}"""

COUNTRY_CODES_QUERY = """
SELECT DISTINCT ?country ?alpha2 ?ioc WHERE {
  ?country a rally:Country ; rally:iso3166Alpha3 ?alpha3 ; rally:iso3166Alpha2 ?alpha2 ; rally:iocCode ?ioc .
  FILTER (STR(?alpha3) = ?code)
}"""

COUNTRY_IRIS_QUERY = "SELECT DISTINCT ?country WHERE { ?country a rally:Country }"

NATIONALITY_QUERY = """
SELECT DISTINCT ?code WHERE {
  ?person a rally:Person ; rdfs:label ?label ; rally:countryForSport/rally:iso3166Alpha3 ?code .
  FILTER (STR(?label) = ?name)
}"""

PERSONS_QUERY = "SELECT DISTINCT ?person ?label WHERE { ?person a rally:Person ; rdfs:label ?label }"

CREW_QUERY = """
SELECT DISTINCT ?entry ?position ?role ?name WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ;
         rally:driver/rdfs:label ?driverLabel ; rally:crewListing ?listing .
  ?listing rally:crewPosition ?position ; rally:role ?role ; rally:listedPerson/rdfs:label ?name .
  FILTER (STR(?driverLabel) = ?driver)
}"""

CREW_PROPERTIES_QUERY = """
SELECT DISTINCT ?property ?name WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ;
         rally:driver/rdfs:label ?driverLabel ; ?property ?person .
  ?person a rally:Person ; rdfs:label ?name .
  FILTER (STR(?driverLabel) = ?driver)
  FILTER (?property IN (rally:driver, rally:coDriver, rally:furtherCrew))
}"""

ENTRY_QUERY = """
SELECT DISTINCT ?entry ?number ?make ?model ?entrant WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ; rally:driver/rdfs:label ?driverLabel .
  FILTER (STR(?driverLabel) = ?driver)
  OPTIONAL { ?entry rally:raceNumber ?number }
  OPTIONAL { ?entry rally:vehicle/rally:manufacturer/rdfs:label ?make }
  OPTIONAL { ?entry rally:vehicle/rally:model ?model }
  OPTIONAL { ?entry rally:entrant/rdfs:label ?entrant }
}"""

STAGE_RESULTS_QUERY = """
SELECT DISTINCT ?result ?driver ?position ?tied ?seconds ?gapSeconds WHERE {
  ?classification a rally:StageClassification ; rally:classifiedStage ?stage ; rally:category ?category ;
                  rally:hasResult ?result .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  ?result rally:position ?position ; rally:forEntry/rally:driver/rdfs:label ?driver .
  OPTIONAL { ?result rally:tied ?tied }
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
}"""

GENERAL_RESULTS_QUERY = """
SELECT DISTINCT ?result ?driver ?position ?tied ?seconds ?gapSeconds WHERE {
  ?classification a rally:GeneralClassification ; rally:afterStage ?stage ; rally:category ?category ;
                  rally:hasResult ?result .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  ?result rally:position ?position ; rally:forEntry/rally:driver/rdfs:label ?driver .
  OPTIONAL { ?result rally:tied ?tied }
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
}"""

RESULT_DURATIONS_QUERY = """
SELECT DISTINCT ?time ?gap WHERE {
  ?classification rally:hasResult ?result ; rally:category ?category ;
                  (rally:classifiedStage|rally:afterStage) ?stage .
  ?classification a ?kind .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  ?result rally:forEntry/rally:driver/rdfs:label ?driverLabel ; rally:time ?time .
  OPTIONAL { ?result rally:gap ?gap }
  FILTER (STR(?driverLabel) = ?driver)
}"""

CLASSIFICATIONS_OF_STAGE_QUERY = """
SELECT DISTINCT ?classification WHERE {
  ?classification rally:category ?category ; (rally:classifiedStage|rally:afterStage) ?stage ; rally:hasResult ?result .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
}"""

STAGE_WINNERS_QUERY = """
SELECT DISTINCT ?winner WHERE {
  ?classification a rally:StageClassification ; rally:classifiedStage ?stage ; rally:category ?category ;
                  rally:stageWinner/rdfs:label ?winner .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
}"""

CANCELLATIONS_QUERY = """
SELECT DISTINCT ?cancellation ?number ?category ?reason WHERE {
  ?cancellation a rally:Cancellation ; rally:cancelledStage ?stage ; rally:category ?category .
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  OPTIONAL { ?cancellation rally:reason ?reason }
}"""

FINAL_STANDINGS_QUERY = """
SELECT DISTINCT ?result ?position ?driver ?number ?seconds ?gapSeconds WHERE {
  ?standings a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ;
             rally:hasResult ?result .
  ?result rally:position ?position ; rally:forEntry ?entry .
  ?entry rally:driver/rdfs:label ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
  OPTIONAL { ?result rally:timeSeconds ?seconds }
  OPTIONAL { ?result rally:gapSeconds ?gapSeconds }
}"""

SOURCE_PROBLEMS_QUERY = """
SELECT DISTINCT ?problem ?code ?line WHERE {
  ?problem a rally:SourceProblem ; rally:problemCode ?code ; prov:wasDerivedFrom ?source .
  ?source rally:lineNumber ?line .
}"""

EDITIONS_WITH_STAGES_QUERY = """
SELECT DISTINCT ?edition ?label ?series WHERE {
  ?stage a rally:Stage ; rally:edition ?edition .
  ?edition rdfs:label ?label ; rally:series ?series .
}"""

STAGE_OF_EDITION_QUERY = """
SELECT DISTINCT ?stage ?edition ?date WHERE { ?stage a rally:Stage ; rally:stageNumber ?number ; rally:edition ?edition ; rally:date ?date }"""

ENTRIES_OF_PERSON_QUERY = """
SELECT DISTINCT ?person ?entry ?edition ?nationality WHERE {
  ?person a rally:Person ; rdfs:label ?label .
  FILTER (STR(?label) = ?name)
  OPTIONAL { ?entry rally:driver ?person ; rally:entryIn ?edition }
  OPTIONAL { ?person rally:countryForSport ?nationality }
}"""

MAKER_EDITIONS_QUERY = """
SELECT DISTINCT ?maker ?edition WHERE {
  ?entry rally:vehicle/rally:manufacturer ?maker ; rally:entryIn ?edition .
  ?maker rdfs:label ?label .
  FILTER (STR(?label) = ?make)
}"""

CATEGORY_EDITIONS_QUERY = """
SELECT DISTINCT ?edition WHERE {
  ?classification a rally:StageClassification ; rally:category ?category ; rally:classifiedStage/rally:edition ?edition .
}"""

QUERIES = {name: value for name, value in globals().items() if name.endswith("_QUERY") and isinstance(value, str)}
