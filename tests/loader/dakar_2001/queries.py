"""The SPARQL queries the tests of the bundled article ask of its graph (the standard prefixes are prepended)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


# --- Queries ---------------------------------------------------------------------------------

EDITION_QUERY = """
SELECT DISTINCT ?label ?series ?seriesLabel ?year ?number ?start ?end ?statedLength ?statedKm
WHERE {
  ?edition a rally:Edition ; rdfs:label ?label ; rally:series ?series ;
           rally:year ?year ; rally:editionNumber ?number ;
           rally:startDate ?start ; rally:endDate ?end ;
           rally:statedLength ?statedLength ; rally:statedLengthKm ?statedKm .
  ?series a rally:RallySeries ; rdfs:label ?seriesLabel .
}"""

ALT_LABELS_QUERY = "SELECT DISTINCT ?alt WHERE { ?resource skos:altLabel ?alt }"

NEIGHBOUR_EDITIONS_QUERY = """
SELECT DISTINCT ?previous ?previousLabel ?next ?nextLabel WHERE {
  ?edition rally:previousEdition ?previous ; rally:nextEdition ?next .
  ?previous rdfs:label ?previousLabel .
  ?next rdfs:label ?nextLabel .
}"""

STAGES_QUERY = """
SELECT DISTINCT ?stage ?number WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number .
}"""

STAGE_QUERY = """
SELECT DISTINCT ?stage ?date ?start ?finish ?km WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:date ?date ; rally:distanceKm ?km ;
         rally:startPlace/rdfs:label ?start ; rally:finishPlace/rdfs:label ?finish .
}"""

TOTAL_DISTANCE_QUERY = """
SELECT (SUM(?km) AS ?total) (COUNT(?stage) AS ?stages) WHERE {
  SELECT DISTINCT ?stage ?km WHERE {
    ?stage a rally:Stage ; rally:edition ?edition ; rally:distanceKm ?km .
  }
}"""

REST_DAY_QUERY = """
SELECT DISTINCT ?day ?date ?place WHERE {
  ?day a rally:RestDay ; rally:edition ?edition ; rally:date ?date ;
       rally:restPlace/rdfs:label ?place .
}"""

REST_DAY_AS_STAGE_QUERY = """
SELECT DISTINCT ?day WHERE {
  ?day a rally:RestDay .
  { ?day a rally:Stage } UNION { ?day rally:stageNumber ?number }
}"""

CANCELLATION_QUERY = """
SELECT DISTINCT ?cancellation ?number ?category ?reason WHERE {
  ?cancellation a rally:Cancellation ; rally:cancelledStage ?stage ; rally:category ?category .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
  OPTIONAL { ?cancellation rally:reason ?reason }
}"""

LOOP_STAGES_QUERY = """
SELECT DISTINCT ?number WHERE {
  ?stage a rally:LoopStage ; rally:edition ?edition ; rally:stageNumber ?number .
}"""

SAME_START_AND_FINISH_QUERY = """
SELECT DISTINCT ?number WHERE {
  ?stage a rally:Stage ; rally:edition ?edition ; rally:stageNumber ?number ;
         rally:startPlace ?place ; rally:finishPlace ?place .
}"""

PREVIOUS_STAGE_QUERY = """
SELECT DISTINCT ?number ?previousNumber WHERE {
  ?stage rally:edition ?edition ; rally:stageNumber ?number .
  OPTIONAL { ?stage rally:previousStage/rally:stageNumber ?previousNumber }
}"""

PLACE_COUNTRY_QUERY = """
SELECT DISTINCT ?place ?code WHERE {
  ?place a rally:Place ; rdfs:label ?label ; rally:inCountry/rally:iso3166Alpha3 ?code .
  FILTER (STR(?label) = ?name)
}"""

ROUTE_QUERY = """
SELECT DISTINCT ?visit ?order ?code WHERE {
  ?edition rally:routeVisit ?visit .
  ?visit a rally:RouteVisit ; rally:firstVisitOrder ?order ;
         rally:visitedCountry/rally:iso3166Alpha3 ?code .
} ORDER BY ?order"""

COUNTRY_QUERY = """
SELECT DISTINCT ?country ?label ?alpha2 ?wikidata ?page WHERE {
  ?country a rally:Country ; rally:iso3166Alpha3 ?alpha3 ; rdfs:label ?label ;
           rally:iso3166Alpha2 ?alpha2 ; rally:wikidata ?wikidata ; schema:sameAs ?page .
  FILTER (STR(?alpha3) = ?code)
}"""

COUNTRY_CODES_QUERY = """
SELECT DISTINCT ?country ?alpha3 ?ioc WHERE {
  ?country a rally:Country ; rally:iso3166Alpha3 ?alpha3 .
  OPTIONAL { ?country rally:iocCode ?ioc }
  FILTER (!BOUND(?code) || STR(?alpha3) = ?code)
}"""

NATIONALITY_QUERY = """
SELECT DISTINCT ?country ?alpha3 ?label WHERE {
  ?person rally:countryForSport ?country .
  ?country rally:iso3166Alpha3 ?alpha3 ; rdfs:label ?label .
}"""

CATEGORY_QUERY = """
SELECT DISTINCT ?label ?alt WHERE {
  ?category a rally:Category ; rdfs:label ?label .
  OPTIONAL { ?category skos:altLabel ?alt }
}"""

STAGE_WINNERS_QUERY = """
SELECT DISTINCT ?winner WHERE {
  ?classification a rally:StageClassification ; rally:classifiedStage ?stage ;
                  rally:category ?category ; rally:stageWinner ?winner .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
}"""

# ?kind/?link: rally:StageClassification/rally:classifiedStage or rally:GeneralClassification/rally:afterStage
RESULTS_QUERY = """
SELECT DISTINCT ?classification ?result ?position ?driver ?tied ?time ?gap WHERE {
  ?classification a ?kind ; ?link ?stage ; rally:category ?category ; rally:hasResult ?result .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
  ?result rally:position ?position ; rally:forEntry/rally:driver ?driver .
  OPTIONAL { ?result rally:tied ?tied }
  OPTIONAL { ?result rally:timeSeconds ?time }
  OPTIONAL { ?result rally:gapSeconds ?gap }
}"""

TIME_DATATYPES_QUERY = """
SELECT DISTINCT (DATATYPE(?time) AS ?timeType) (DATATYPE(?gap) AS ?gapType) WHERE {
  ?result rally:time ?time .
  OPTIONAL { ?result rally:gap ?gap }
}"""

FINAL_QUERY = """
SELECT DISTINCT ?final ?result ?position ?driver ?number ?time ?gap WHERE {
  ?final a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ;
         rally:hasResult ?result .
  ?result rally:position ?position ; rally:forEntry ?entry .
  ?entry rally:driver ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
  OPTIONAL { ?result rally:timeSeconds ?time }
  OPTIONAL { ?result rally:gapSeconds ?gap }
}"""

WINNER_QUERY = """
SELECT DISTINCT ?entry ?member ?make ?entrant ?time WHERE {
  ?final a rally:FinalClassification ; rally:standingsOf ?edition ; rally:category ?category ;
         rally:hasResult ?result .
  ?result rally:position 1 ; rally:forEntry ?entry ; rally:timeSeconds ?time .
  ?entry rally:crewMember ?member ; rally:vehicle/rally:manufacturer/rdfs:label ?make .
  OPTIONAL { ?entry rally:entrant/rdfs:label ?entrant }
}"""

ENTRY_QUERY = """
SELECT DISTINCT ?entry ?number WHERE {
  ?entry a rally:Entry ; rally:entryIn ?edition ; rally:category ?category ; rally:driver ?driver .
  OPTIONAL { ?entry rally:raceNumber ?number }
}"""

CREW_QUERY = """
SELECT DISTINCT ?property ?person WHERE {
  VALUES ?property { rally:driver rally:coDriver rally:furtherCrew }
  ?entry ?property ?person .
}"""

CREW_LISTING_QUERY = """
SELECT DISTINCT ?listing ?position ?person ?role WHERE {
  ?entry rally:crewListing ?listing .
  ?listing a rally:CrewListing ; rally:crewPosition ?position ; rally:listedPerson ?person ;
           rally:role ?role .
}"""

VEHICLE_QUERY = """
SELECT DISTINCT ?vehicle ?make ?model WHERE {
  ?entry rally:vehicle ?vehicle .
  ?vehicle a rally:Vehicle ; rally:manufacturer ?manufacturer .
  ?manufacturer a rally:Manufacturer ; rdfs:label ?make .
  OPTIONAL { ?vehicle rally:model ?model }
}"""

ENTRANT_QUERY = """
SELECT DISTINCT ?entrant ?label WHERE {
  ?entry rally:entrant ?entrant .
  ?entrant a rally:Entrant ; rdfs:label ?label .
}"""

PENALTY_QUERY = """
SELECT DISTINCT ?penalty ?person ?number ?seconds WHERE {
  ?penalty a rally:Penalty ; rally:penalisedPerson ?person ; rally:penaltyStage ?stage .
  ?stage rally:stageNumber ?number ; rally:edition ?edition .
  OPTIONAL { ?penalty rally:penaltySeconds ?seconds }
}"""

OBJECTS_QUERY = "SELECT DISTINCT ?object WHERE { ?subject ?predicate ?object }"

SOURCE_LINES_QUERY = """
SELECT DISTINCT ?line WHERE { ?resource prov:wasDerivedFrom/rally:lineNumber ?line }"""
