use cleanroom_core::stations::bioreactor::scenario::*;
use cleanroom_core::stations::bioreactor::*;

#[test]
fn explore() {
    let mut s = Bioreactor::new("op");
    s.apply(Operation::LoadSet).unwrap();
    for bag in [Bag::Media, Bag::Reagent, Bag::Waste] {
        s.apply(Operation::ConnectBag { bag, method: ConnectionMethod::SterileWeld }).unwrap();
        s.apply(Operation::InspectLine { bag }).unwrap();
    }
    s.apply(Operation::Prime).unwrap();
    println!("after prime {:?}", s.observations());
    s.apply(Operation::Coat { reagent: CoatingReagent::Fibronectin }).unwrap();
    let a = s.advance_until_decision(48.0);
    println!("coat adv {:?} {:?}", a.hours, a.stopped_at);
    s.apply(Operation::WashOut).unwrap();
    s.apply(Operation::ConditionMedium).unwrap();
    s.apply(Operation::ConnectBag { bag: Bag::Cell, method: ConnectionMethod::SterileWeld }).unwrap();
    s.apply(Operation::InspectLine { bag: Bag::Cell }).unwrap();
    s.apply(Operation::LoadCells { cells: 1.0e7, distribution: Distribution::SettleAndRotate }).unwrap();
    println!("loaded {:?}", s.observations());
    let a = s.advance_until_decision(48.0);
    println!("attach adv {:?} {:?} {:?}", a.hours, a.stopped_at, a.events);
    s.apply(Operation::StartFeeding { ic_inlet_ml_min: 0.1 }).unwrap();
    println!("feeding {:?}", s.observations());
    for day in 1..=15 {
        if day > 1 {
            let a = s.advance_until_decision(48.0);
            println!("adv {:?} {:?}", a.hours, a.stopped_at);
        }
        s.apply(Operation::Sample { label: format!("D{day}") }).unwrap();
        let r = s.samples().last().unwrap().clone();
        let rate = s.ic_inlet_ml_min();
        print!(
            "day {day} obsday {:?} glc {:.3} lac {:.3} cells {:.3e} rate {rate} alarms {:?}",
            s.observe("day"),
            r.glucose_mmol_l,
            r.lactate_mmol_l,
            r.cells_estimate,
            s.alarms().iter().map(|a| a.kind).collect::<Vec<_>>()
        );
        if r.lactate_mmol_l > 4.0 && rate < 3.2 {
            s.apply(Operation::SetIcInletRate { ml_min: (rate * 2.0).min(3.2) }).unwrap();
            print!(" -> {}", s.ic_inlet_ml_min());
        }
        println!(
            "  peak {:.3} cells {:?} viab {:?}",
            s.peak_lactate_mmol_l(),
            s.observe("cells"),
            s.observe("viability")
        );
    }
    let (o, _) = Scenario::well_run().run().unwrap();
    println!("{o:?}");
}
